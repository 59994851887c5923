//! The time to upload a 4000 × 3000 JPEG as an avatar (`PUT /api/v1/me/avatar`, multipart,
//! over loopback: receive, decode, turn upright, crop, scale to 256 and 64 pixels, encode two
//! PNGs, store them), beside the time the `image` crate takes only to decode that JPEG, in the
//! same process and run: decoding is the floor no avatar service avoids. On demand:
//!
//! ```text
//! make bench-avatar                # cargo run --release -p server --example avatar_bench
//! BENCH_ROUNDS=9 make bench-avatar
//! ```
//!
//! Each of `BENCH_ROUNDS` rounds (5) decodes once and uploads once; the figures are medians.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::{account_with_token, bench_state, serve, setting};

use std::{
    io::Cursor,
    time::{Duration, Instant},
};

use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb};

/// A 4000 × 3000 photo-like JPEG: smooth gradients with fine detail, as a camera makes them.
fn photo() -> Vec<u8> {
    let img = ImageBuffer::from_fn(4000, 3000, |x, y| {
        let detail = ((x * 7 + y * 13) % 23) as u8;
        Rgb([(x / 16) as u8 ^ detail, (y / 12) as u8, ((x + y) / 28) as u8 ^ (detail * 3)])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img).write_to(&mut out, ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let rounds = setting("BENCH_ROUNDS", 5).max(1);
    let (state, _dir) = bench_state(&[]).await;
    let token = account_with_token(&state, false).await;
    let base = serve(server::router(state.clone())).await;
    let client = reqwest::Client::new();

    let jpeg = photo();
    println!("a 4000 x 3000 JPEG of {:.2} MB, {rounds} rounds, release build\n", jpeg.len() as f64 / 1e6);
    let (mut decodes, mut uploads) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        let started = Instant::now();
        let decoded = tokio::task::spawn_blocking({
            let jpeg = jpeg.clone();
            move || image::load_from_memory_with_format(&jpeg, ImageFormat::Jpeg).unwrap().width()
        })
        .await
        .unwrap();
        assert_eq!(decoded, 4000);
        let decode = started.elapsed();

        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(jpeg.clone()).file_name("photo.jpg"));
        let started = Instant::now();
        let res = client.put(format!("{base}/api/v1/me/avatar")).bearer_auth(&token).multipart(form).send().await;
        let res = res.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK, "{}", res.text().await.unwrap());
        let upload = started.elapsed();
        println!(
            "round {round}: decode only {:>6.0} ms, upload to stored avatar {:>6.0} ms, ratio {:.2}",
            decode.as_secs_f64() * 1e3,
            upload.as_secs_f64() * 1e3,
            upload.as_secs_f64() / decode.as_secs_f64()
        );
        decodes.push(decode);
        uploads.push(upload);
    }
    let (decode, upload) = (median(decodes), median(uploads));
    println!(
        "median: decode only {:.0} ms, upload {:.0} ms, ratio {:.2}",
        decode.as_secs_f64() * 1e3,
        upload.as_secs_f64() * 1e3,
        upload.as_secs_f64() / decode.as_secs_f64()
    );
}
