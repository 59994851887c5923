# Gatehouse: the release server and its WASM bundle, run as a non-root user with one volume.
#
#   docker build -t gatehouse .
#   docker run -p 3000:3000 -v gatehouse-data:/data -e GATEHOUSE_PUBLIC_URL=http://localhost:3000 \
#     -e GATEHOUSE_COOKIE_SECURE=false gatehouse
#
# end2end/container.sh runs the release binary the way this image does (see the README).

FROM rust:1.95-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The pinned tools first (cargo-leptos, wasm-bindgen, wasm-opt): a layer of their own.
COPY .ci/setup .ci/setup
COPY end2end/package.json end2end/package-lock.json end2end/
RUN .ci/setup build
COPY . .
RUN .ci/setup build && cargo leptos build --release --split

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates >/dev/null \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin gatehouse \
    && mkdir /data && chown gatehouse /data
COPY --from=build /src/target/release/gatehouse /usr/local/bin/gatehouse
COPY --from=build /src/target/site /usr/local/share/gatehouse/site
ENV LEPTOS_SITE_ROOT=/usr/local/share/gatehouse/site \
    LEPTOS_ENV=PROD \
    GATEHOUSE_DATA_DIR=/data \
    GATEHOUSE_LISTEN=0.0.0.0:3000
USER 10001
WORKDIR /data
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s CMD ["gatehouse", "health"]
ENTRYPOINT ["gatehouse"]
CMD ["serve"]
