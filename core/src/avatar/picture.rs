//! Turning an uploaded or fetched file into the two pictures Gatehouse serves: decoded by the
//! `image` crate within limits (a small file that claims a huge canvas is refused before its
//! pixels are allocated), turned upright by its EXIF orientation, cropped to the centre square,
//! scaled to [`SIZES`] and encoded again as PNG. Nothing of the original file survives: no
//! metadata (EXIF, GPS, comments), no second frame, no bytes an attacker chose.

use std::io::Cursor;

use i18n::{k, Msg};
use image::{
    codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder},
    imageops::{self, FilterType},
    DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage, RgbaImage,
};

/// The most bytes accepted, checked before anything is decoded.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The widest or tallest picture decoded, and the most pixels (a 40-megapixel photo).
pub const MAX_SIDE: u32 = 10_000;
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most bytes the decoded pixels may take (a 40-megapixel RGB photo takes 120 MB; a 16-bit
/// RGBA one would take 320 MB and is refused), checked from the header before they are
/// allocated; the decoder's own buffers are held to the same. Turning a photo upright may copy
/// it once more; at most one picture per core is made at a time.
const MAX_DECODED: u64 = 160 * 1024 * 1024;

/// The sizes served, in pixels: the small one for the header and lists, the large one for the
/// profile.
pub const SMALL: u32 = 64;
pub const LARGE: u32 = 256;

/// Why a file is not made into a picture; the messages are the ones shown next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    NotAnImage,
    TooLarge,
}

impl Refused {
    pub fn msg(self) -> Msg {
        match self {
            Refused::NotAnImage => k::error_avatar_not_an_image(),
            Refused::TooLarge => k::error_avatar_too_large(),
        }
    }
}

/// The two PNGs made from one file.
pub struct Pictures {
    pub small: Vec<u8>,
    pub large: Vec<u8>,
}

/// Decodes `bytes` (PNG, JPEG, WebP, or a GIF's first frame) and makes the [`Pictures`].
/// CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Pictures, Refused> {
    if bytes.len() > MAX_BYTES {
        return Err(Refused::TooLarge);
    }
    // The content decides, never a name or a declared type.
    let format = image::guess_format(bytes).map_err(|_| Refused::NotAnImage)?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif) {
        return Err(Refused::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (w, h) = decoder.dimensions();
    // `from_decoder` allocates the output without the reader's limit: checked here.
    if u64::from(w) * u64::from(h) > MAX_PIXELS || decoder.total_bytes() > MAX_DECODED {
        return Err(Refused::TooLarge);
    }
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    let large = DynamicImage::ImageRgba8(square(picture, LARGE));
    let small = large.resize_exact(SMALL, SMALL, FilterType::Lanczos3);
    Ok(Pictures { small: png(&small).ok_or(Refused::NotAnImage)?, large: png(&large).ok_or(Refused::NotAnImage)? })
}

fn refusal(e: ImageError) -> Refused {
    match e {
        ImageError::Limits(_) => Refused::TooLarge,
        _ => Refused::NotAnImage,
    }
}

/// The centre square of `picture`, `side` pixels wide, in RGBA. Only the square is read, from
/// the decoded pixels as they are: a photo is not copied whole before it is scaled.
fn square(picture: DynamicImage, side: u32) -> RgbaImage {
    let (w, h) = (picture.width(), picture.height());
    let s = w.min(h).max(1);
    let (x, y) = ((w - s) / 2, (h - s) / 2);
    // Shrinking averages over areas (as good as a filter for it, and linear in the pixels);
    // growing a small picture uses Lanczos.
    match picture {
        DynamicImage::ImageRgb8(rgb) => {
            let view = imageops::crop_imm(&rgb, x, y, s, s);
            let scaled: RgbImage = if s > side {
                imageops::thumbnail(&*view, side, side)
            } else {
                imageops::resize(&*view, side, side, FilterType::Lanczos3)
            };
            DynamicImage::ImageRgb8(scaled).into_rgba8()
        }
        other => {
            let rgba = other.into_rgba8();
            let view = imageops::crop_imm(&rgba, x, y, s, s);
            if s > side {
                imageops::thumbnail(&*view, side, side)
            } else {
                imageops::resize(&*view, side, side, FilterType::Lanczos3)
            }
        }
    }
}

fn png(picture: &DynamicImage) -> Option<Vec<u8>> {
    let rgba = picture.to_rgba8();
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive)
        .write_image(rgba.as_raw(), rgba.width(), rgba.height(), image::ExtendedColorType::Rgba8)
        .ok()?;
    Some(out)
}

/// The default avatar: `initials` on a colour derived from `seed` (the account's id), as an
/// SVG that Gatehouse writes itself. An SVG from a user is never served.
pub fn default_svg(initials: &str, seed: &str) -> String {
    // FNV-1a: stable across builds and instances.
    let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let hue = hash % 360;
    let text: String = initials
        .chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&apos;".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\">\
         <rect width=\"64\" height=\"64\" fill=\"hsl({hue} 45% 36%)\"/>\
         <text x=\"32\" y=\"32\" dy=\"0.35em\" text-anchor=\"middle\" fill=\"#fff\" \
         font-family=\"system-ui, sans-serif\" font-size=\"26\" font-weight=\"600\">{text}</text></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::pictures::{encode, jpeg_with_gps, png_header};
    use image::{ImageBuffer, Rgb, RgbImage};

    fn decode(png: &[u8]) -> DynamicImage {
        image::load_from_memory_with_format(png, ImageFormat::Png).unwrap()
    }

    #[test]
    fn a_wide_picture_is_cropped_to_its_centre_and_served_in_two_sizes() {
        // Red left third, green centre, blue right third.
        let wide: RgbImage = ImageBuffer::from_fn(300, 100, |x, _| match x {
            0..100 => Rgb([255, 0, 0]),
            100..200 => Rgb([0, 255, 0]),
            _ => Rgb([0, 0, 255]),
        });
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Gif, ImageFormat::WebP] {
            let made = process(&encode(&DynamicImage::ImageRgb8(wide.clone()), format)).unwrap();
            let (large, small) = (decode(&made.large), decode(&made.small));
            assert_eq!((large.width(), large.height()), (LARGE, LARGE), "{format:?}");
            assert_eq!((small.width(), small.height()), (SMALL, SMALL), "{format:?}");
            let centre = large.to_rgba8().get_pixel(128, 128).0;
            assert!(centre[1] > 200 && centre[0] < 60 && centre[2] < 60, "{format:?}: {centre:?}");
        }
    }

    #[test]
    fn what_is_not_a_picture_or_is_too_large_is_refused_before_decoding() {
        assert_eq!(process(b"GIF89a\x02\x00\x02\x00 then no picture").err(), Some(Refused::NotAnImage));
        // A header that claims a canvas past the limits is too large, whatever follows it.
        assert_eq!(process(b"GIF89a not really").err(), Some(Refused::TooLarge));
        assert_eq!(process(b"<svg xmlns='http://www.w3.org/2000/svg'/>").err(), Some(Refused::NotAnImage));
        assert_eq!(process(b"").err(), Some(Refused::NotAnImage));
        let mut bmp = b"BM".to_vec();
        bmp.extend_from_slice(&[0; 60]);
        assert_eq!(image::guess_format(&bmp).ok(), Some(ImageFormat::Bmp));
        assert_eq!(process(&bmp).err(), Some(Refused::NotAnImage), "formats beyond the four are refused");
        assert_eq!(process(&vec![0u8; MAX_BYTES + 1]).err(), Some(Refused::TooLarge));
    }

    #[test]
    fn a_small_file_claiming_a_huge_canvas_is_refused_without_allocating_it() {
        // A valid PNG header for 20000 x 20000 pixels (1.6 GB of RGBA) and no pixel data.
        let bomb = png_header(20_000, 20_000);
        assert_eq!(process(&bomb).err(), Some(Refused::TooLarge));
        // Within each side's limit but over the pixel count.
        assert_eq!(process(&png_header(9_000, 9_000)).err(), Some(Refused::TooLarge));
        // Within the pixel count, but 16-bit RGBA: 8 bytes a pixel, over the decoded budget.
        let mut deep = png_header(6_000, 5_000);
        deep[24] = 16; // IHDR bit depth
        let crc_at = 8 + 8 + 13;
        let crc = crate::testing::pictures::crc32(&deep[12..crc_at]);
        deep[crc_at..crc_at + 4].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(process(&deep).err(), Some(Refused::TooLarge));
    }

    #[test]
    fn a_photo_is_turned_upright_by_its_exif_and_loses_the_exif_and_gps() {
        // Left half red, right half green; orientation 6 puts the left half at the top.
        let photo: RgbImage =
            ImageBuffer::from_fn(200, 100, |x, _| if x < 100 { Rgb([255, 0, 0]) } else { Rgb([0, 255, 0]) });
        let file = jpeg_with_gps(&DynamicImage::ImageRgb8(photo));
        assert!(file.windows(4).any(|w| w == b"Exif"));
        let made = process(&file).unwrap();
        for png in [&made.large, &made.small] {
            assert!(!png.windows(4).any(|w| w == b"Exif" || w == b"eXIf"), "no EXIF in what is served");
            assert!(!png.windows(4).any(|w| w == b"MM\x00\x2a"), "no TIFF block either");
        }
        let large = decode(&made.large).to_rgba8();
        let (top, bottom) = (large.get_pixel(128, 20).0, large.get_pixel(128, 236).0);
        assert!(top[0] > 200 && top[1] < 60, "red on top: {top:?}");
        assert!(bottom[1] > 200 && bottom[0] < 60, "green below: {bottom:?}");
    }

    #[test]
    fn the_default_avatar_escapes_its_text_and_keeps_its_colour() {
        let svg = default_svg("<&", "user-1");
        assert!(svg.contains("&lt;&amp;") && !svg.contains("<&"), "{svg}");
        assert_eq!(default_svg("AK", "user-1"), default_svg("AK", "user-1"));
        assert_ne!(default_svg("AK", "user-1"), default_svg("AK", "user-2"));
    }
}
