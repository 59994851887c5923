//! What service tests need: a platform over a test database (a fresh key, an outbox nobody
//! reads, settings read afresh every time) and the mail it queued.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use platform::{db::Db, mail::OutgoingMail, Env, Platform};

use crate::sessions::Timeouts;

pub struct TestEnv {
    pub platform: Platform,
}

impl TestEnv {
    pub const TIMEOUTS: Timeouts = Timeouts { idle_ms: 60_000, lifetime_ms: 3_600_000 };

    pub fn new(db: &Db) -> TestEnv {
        TestEnv { platform: platform::env::for_tests(db) }
    }

    /// The environment of a request made at `now`.
    pub fn at(&self, now: i64) -> Env<'_> {
        self.platform.env_at(now)
    }

    /// The next queued message, opened.
    pub async fn next_mail(&self, now: i64) -> Option<OutgoingMail> {
        let db = &self.platform.db;
        let claimed = platform::mail::queue::claim(db, now).await.unwrap()?;
        platform::mail::queue::mark_sent(db, &claimed.id, now).await.unwrap();
        Some(self.platform.mailer.open(&claimed.mail).unwrap())
    }
}

/// Picture files for tests: encoded by the `image` crate, and the hostile ones built by hand.
pub mod pictures {
    use std::io::Cursor;

    use image::{DynamicImage, ImageFormat};

    pub fn encode(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// A JPEG with an EXIF block: orientation 6 (turn 90° clockwise) and a GPS position.
    pub fn jpeg_with_gps(picture: &DynamicImage) -> Vec<u8> {
        let jpeg = encode(picture, ImageFormat::Jpeg);
        let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
        let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
            tiff.extend_from_slice(&tag.to_be_bytes());
            tiff.extend_from_slice(&kind.to_be_bytes());
            tiff.extend_from_slice(&count.to_be_bytes());
            tiff.extend_from_slice(&value);
        };
        tiff.extend_from_slice(&2u16.to_be_bytes());
        entry(&mut tiff, 0x0112, 3, 1, [0, 6, 0, 0]); // Orientation: 6
        entry(&mut tiff, 0x8825, 4, 1, 38u32.to_be_bytes()); // GPS IFD at 38
        tiff.extend_from_slice(&0u32.to_be_bytes());
        tiff.extend_from_slice(&2u16.to_be_bytes());
        entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0"); // GPSLatitudeRef
        entry(&mut tiff, 0x0002, 5, 3, 68u32.to_be_bytes()); // GPSLatitude at 68
        tiff.extend_from_slice(&0u32.to_be_bytes());
        for (num, den) in [(51u32, 1u32), (30, 1), (2_604, 100)] {
            tiff.extend_from_slice(&num.to_be_bytes());
            tiff.extend_from_slice(&den.to_be_bytes());
        }
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec(); // SOI
        out.extend_from_slice(&[0xff, 0xe1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// A PNG signature and IHDR chunk (8-bit RGBA) with a correct CRC, and an empty IDAT.
    pub fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            out.extend_from_slice(&body);
            out.extend_from_slice(&crc32(&body).to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &[]);
        chunk(b"IEND", &[]);
        out
    }

    pub fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffff_u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
