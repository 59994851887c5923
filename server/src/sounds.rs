//! The notification sounds of Preferences → Sound: short tones synthesised here (no recorded
//! file, nothing downloaded), as 16-bit mono WAV files, made once per process and served at
//! `/sounds/{name}.wav`.

use std::{f32::consts::TAU, sync::OnceLock};

use axum::{extract::Path, response::IntoResponse, routing::get, Router};
use http::{header, HeaderValue, StatusCode};
use wire::preferences::Sound;

const RATE: u32 = 22_050;

/// One tone: its pitch at the start and at the end (a glide when they differ), when it starts
/// and how long it rings, in seconds.
struct Note {
    from_hz: f32,
    to_hz: f32,
    at: f32,
    ring: f32,
}

const fn note(hz: f32, at: f32, ring: f32) -> Note {
    Note { from_hz: hz, to_hz: hz, at, ring }
}

const CHIME: &[Note] = &[note(1046.5, 0.0, 0.5), note(1318.5, 0.12, 0.6)];
const DOOR: &[Note] = &[note(659.3, 0.0, 0.5), note(523.3, 0.35, 0.7)];
const BEEP: &[Note] = &[note(880.0, 0.0, 0.15)];
const DING: &[Note] = &[note(880.0, 0.0, 0.8)];
const DROPLET: &[Note] = &[Note { from_hz: 1300.0, to_hz: 480.0, at: 0.0, ring: 0.18 }];
const HIGHBELL: &[Note] = &[note(1568.0, 0.0, 0.7), note(2093.0, 0.08, 0.7)];
const SEASONS: &[Note] = &[note(523.3, 0.0, 0.4), note(659.3, 0.1, 0.4), note(784.0, 0.2, 0.4), note(1046.5, 0.3, 0.6)];

fn notes(sound: Sound) -> &'static [Note] {
    match sound {
        Sound::Silent => &[],
        Sound::Chime => CHIME,
        Sound::Door => DOOR,
        Sound::Beep => BEEP,
        Sound::Ding => DING,
        Sound::Droplet => DROPLET,
        Sound::Highbell => HIGHBELL,
        Sound::Seasons => SEASONS,
    }
}

/// The samples of `sound`: each note a sine with a quieter octave, a 5 ms attack and an
/// exponential decay.
fn samples(sound: Sound) -> Vec<i16> {
    let notes = notes(sound);
    let seconds = notes.iter().map(|n| n.at + n.ring).fold(0.0_f32, f32::max) + 0.05;
    let len = (seconds * RATE as f32) as usize;
    let mut mix = vec![0.0_f32; len];
    for n in notes {
        let start = (n.at * RATE as f32) as usize;
        let count = (n.ring * RATE as f32) as usize;
        let mut phase = 0.0_f32;
        for i in 0..count {
            let t = i as f32 / RATE as f32;
            let progress = t / n.ring;
            let hz = n.from_hz * (n.to_hz / n.from_hz).powf(progress);
            phase = (phase + TAU * hz / RATE as f32) % TAU;
            let envelope = (t / 0.005).min(1.0) * (-5.0 * progress).exp();
            if let Some(s) = mix.get_mut(start + i) {
                *s += envelope * (0.45 * phase.sin() + 0.12 * (2.0 * phase).sin());
            }
        }
    }
    mix.into_iter().map(|s| (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16).collect()
}

/// A WAV file (RIFF, PCM, 16-bit, mono) of `samples`.
fn wav(samples: &[i16]) -> Vec<u8> {
    let data_len = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // bytes per second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes per frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// The file of `sound`, made at its first request.
pub fn file(sound: Sound) -> Option<&'static [u8]> {
    static FILES: OnceLock<Vec<(Sound, Vec<u8>)>> = OnceLock::new();
    let files = FILES
        .get_or_init(|| Sound::ALL.iter().filter(|s| **s != Sound::Silent).map(|&s| (s, wav(&samples(s)))).collect());
    files.iter().find(|(s, _)| *s == sound).map(|(_, f)| f.as_slice())
}

async fn serve(Path(name): Path<String>) -> axum::response::Response {
    let sound = name.strip_suffix(".wav").and_then(|n| Sound::parse(n).ok());
    match sound.and_then(file) {
        Some(bytes) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("audio/wav")),
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
            ],
            bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/sounds/{name}", get(serve))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sound_is_a_short_audible_wav_of_its_own() {
        let mut seen = Vec::new();
        for &s in Sound::ALL.iter().filter(|s| **s != Sound::Silent) {
            let f = file(s).unwrap();
            assert_eq!(&f[..4], b"RIFF");
            assert_eq!(&f[8..16], b"WAVEfmt ");
            assert_eq!(u32::from_le_bytes(f[4..8].try_into().unwrap()) as usize, f.len() - 8);
            let seconds = (f.len() - 44) as f32 / (2 * RATE) as f32;
            assert!((0.1..=1.5).contains(&seconds), "{s:?}: {seconds} s");
            let peak = f[44..].chunks(2).map(|b| i16::from_le_bytes([b[0], b[1]]).unsigned_abs()).max().unwrap();
            assert!(peak > 5_000, "{s:?} is audible");
            assert!(!seen.contains(&f), "{s:?} sounds like another");
            seen.push(f);
        }
        assert!(file(Sound::Silent).is_none());
    }
}
