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

use common::{serve, setting};

use std::{
    collections::BTreeMap,
    io::Cursor,
    time::{Duration, Instant},
};

use gatehouse_core::{
    accounts::{self, RegisterInput},
    principal::Principal,
    reauth, tokens,
};
use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb};
use leptos::prelude::LeptosOptions;
use platform::{
    clock::Clock,
    config::{Config, Sources},
    request::ClientMeta,
};
use wire::{account::Role, password::PasswordPolicy, token::Expiry};

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
    let dir = tempfile::tempdir().unwrap();
    let mut env = BTreeMap::new();
    env.insert("GATEHOUSE_DATA_DIR".to_owned(), dir.path().display().to_string());
    env.insert("GATEHOUSE_COOKIE_SECURE".to_owned(), "false".to_owned());
    let config = Config::load(&Sources::new(None, env).unwrap()).unwrap();
    let state = server::build_state(config, LeptosOptions::builder().output_name("gatehouse").build(), Clock::system())
        .await
        .unwrap();
    let env = state.env();
    let meta = ClientMeta::local("bench");
    let input =
        RegisterInput { name: "Bench", username: "bench", email: "bench@example.test", password: "bench passphrase 1" };
    let account = accounts::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
    let user = accounts::create(&env, &account, input.password, Role::User, &meta).await.unwrap();
    let me = Principal::session(user, String::new());
    let owner = reauth::confirm_owner(&env, &me, input.password, None, &meta).await.unwrap();
    let made = tokens::create(
        &env,
        &owner,
        tokens::CreateInput { name: "bench", ignore_two_factor: false, read_only: false, expiry: Expiry::Never },
        &meta,
    )
    .await
    .unwrap();
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
        let res = client.put(format!("{base}/api/v1/me/avatar")).bearer_auth(&made.token).multipart(form).send().await;
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
