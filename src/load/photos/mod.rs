//! The photo pipeline: every JPEG, PNG and WebP of `content/static` is
//! decoded, turned upright by its EXIF orientation, resized to a few widths
//! (never enlarged) and written as progressive JPEG and lossy WebP with no
//! metadata at all (no EXIF, no GPS). The original is never published.
//!
//! Work is kept in `.chibo-cache/anh/` in the site (outside the output):
//! a photo's sizes live in a folder named by a hash of its bytes and of the
//! settings below, so a photo is processed once, whatever its name, and a
//! changed setting makes every photo again. `nguon.tsv` remembers each
//! file's size and modification time with its hash, so that a build with
//! no new photo reads no photo at all. Published names carry the hash
//! (`ket-nap.3fa9c2d1-960.jpg`): browsers may keep them forever.

mod decode;

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use image::DynamicImage;
use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos};
use crate::model::{PhotoSizes, Photos, Rendition, is_photo};

/// Widths made for pages (never wider than the original): 240 for the
/// small pictures of listings and search results (112 and 200 CSS px,
/// sharp on a 2× screen with the 480), the others for articles.
pub const WIDTHS: &[u32] = &[240, 480, 960, 1600];
/// Width of the JPEG shown in link previews.
pub const SHARE_WIDTH: u32 = 1200;
/// A photo file larger than this is refused.
pub const MAX_BYTES: u64 = 30 * 1024 * 1024;
/// Neither side of a photo may be longer (a 30 MB file can claim any size).
const MAX_SIDE: u32 = 20_000;
/// Nor may it hold more pixels (a 100-MP camera gives 100 million).
const MAX_PIXELS: u64 = 120_000_000;
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 75.0;
/// libwebp's effort, 0–6: 2 costs a third of the default 4 for a few
/// percent more bytes (Hugo lowered its default to 2 in 2026).
const WEBP_METHOD: i32 = 2;
/// Changes when the output of the pipeline changes.
const VERSION: u32 = 3;

/// The cache folder of a site, relative to it.
const CACHE: &str = ".chibo-cache/anh";

/// The cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(CACHE)
}

fn settings() -> String {
    format!("v{VERSION} w{WIDTHS:?} s{SHARE_WIDTH} j{JPEG_QUALITY} p{WEBP_QUALITY} m{WEBP_METHOD}")
}

/// Processes the photos among `static_files` (relative to content/),
/// in parallel; problems are located at the photo's file.
pub fn process(root: &Path, static_files: &[String], diags: &mut Diagnostics) -> Photos {
    let cache = cache_dir(root);
    // The cache is written to: never through a link planted in its place.
    for dir in [root.join(".chibo-cache"), cache.clone()] {
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            let rel = dir.strip_prefix(root).unwrap_or(&dir).display().to_string();
            diags.error(
                &rel,
                Pos::new(1, 1),
                "là một liên kết tượng trưng: chibo không ghi ảnh đã xử lý qua liên kết; hãy xóa nó (hoặc chạy `chibo clean`) rồi dựng lại",
            );
            return Photos::default();
        }
    }
    let index_path = cache.join("nguon.tsv");
    let known = read_index(&index_path);
    let salt = xxhash_rust::xxh3::xxh3_64(settings().as_bytes());
    let results: Vec<(String, Result<Done, String>)> = static_files
        .par_iter()
        .filter(|rel| is_photo(rel))
        .map(|rel| {
            let full = root.join("content").join(rel);
            (
                rel.clone(),
                one(root, &full, rel, salt, known.get(rel.as_str())),
            )
        })
        .collect();
    let mut photos = Photos::default();
    let mut index = Vec::with_capacity(results.len());
    for (rel, r) in results {
        match r {
            Ok((photo, files, line)) => {
                photos.by_source.insert(rel.clone(), photo);
                photos.files.extend(files);
                index.push((rel, line));
            }
            Err(msg) => diags.error(&format!("content/{rel}"), Pos::new(1, 1), msg),
        }
    }
    // Originals offered for download keep their metadata: say when that
    // includes where the photo was taken.
    for rel in static_files
        .iter()
        .filter(|r| r.starts_with(crate::model::AS_IS))
    {
        let lower = rel.to_ascii_lowercase();
        if (lower.ends_with(".jpg") || lower.ends_with(".jpeg"))
            && std::fs::read(root.join("content").join(rel)).is_ok_and(|b| has_gps(&b))
        {
            diags.warning(
                &format!("content/{rel}"),
                Pos::new(1, 1),
                "tệp ảnh còn ghi vị trí chụp (GPS) và được đăng nguyên như vậy; nếu không muốn lộ nơi chụp, hãy đặt ảnh ngoài thư mục tai-ve/ để chibo xử lý, hoặc xóa thông tin vị trí trước",
            );
        }
    }
    index.sort();
    let changed = index.len() != known.len()
        || index
            .iter()
            .any(|(rel, line)| known.get(rel.as_str()) != Some(line));
    if changed {
        write_index(root, &index);
    }
    photos
}

/// A photo done: its sizes, its published files, its line of `nguon.tsv`.
type Done = (PhotoSizes, Vec<(String, PathBuf)>, IndexLine);

/// What `nguon.tsv` knows of a file: size, modification time (ns), hash.
type IndexLine = (u64, u128, u64);

fn read_index(path: &Path) -> HashMap<String, IndexLine> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let rel = f.next()?.to_string();
            let size = f.next()?.parse().ok()?;
            let mtime = f.next()?.parse().ok()?;
            let hash = u64::from_str_radix(f.next()?, 16).ok()?;
            Some((rel, (size, mtime, hash)))
        })
        .collect()
}

fn write_index(root: &Path, index: &[(String, IndexLine)]) {
    let mut text = String::new();
    for (rel, (size, mtime, hash)) in index {
        text.push_str(&format!("{rel}\t{size}\t{mtime}\t{hash:016x}\n"));
    }
    // The cache only saves work: when it cannot be written, the next build
    // reads the photos again.
    let _ = crate::disk::write(root, &format!("{CACHE}/nguon.tsv"), text.as_bytes());
}

/// One photo: from the cache when its folder is there, else made now.
fn one(
    root: &Path,
    full: &Path,
    rel: &str,
    salt: u64,
    known: Option<&IndexLine>,
) -> Result<Done, String> {
    let meta = std::fs::metadata(full).map_err(|e| crate::diag::io_message(&e))?;
    let size = meta.len();
    if size > MAX_BYTES {
        return Err(format!(
            "ảnh nặng {} MB, quá giới hạn {} MB: hãy thu nhỏ ảnh trước khi đưa vào",
            size / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut bytes = None;
    let hash = match known {
        Some(&(s, m, h)) if s == size && m == mtime && mtime != 0 => h,
        _ => {
            let b = std::fs::read(full).map_err(|e| crate::diag::io_message(&e))?;
            let h = xxhash_rust::xxh3::xxh3_64(&b);
            bytes = Some(b);
            h
        }
    };
    let key = format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64_with_seed(&hash.to_le_bytes(), salt)
    );
    let dir = cache_dir(root).join(&key);
    let info = match read_info(&dir) {
        Some(info) => info,
        None => {
            let b = match bytes {
                Some(b) => b,
                None => std::fs::read(full).map_err(|e| crate::diag::io_message(&e))?,
            };
            make(&b, root, &key)?
        }
    };
    let (photo, files) = published(rel, &key, &dir, &info);
    Ok((photo, files, (size, mtime, hash)))
}

/// What a cache folder holds: the upright size and the widths made
/// (`share` last), as `info.txt` says.
struct Info {
    width: u32,
    height: u32,
    sizes: Vec<(u32, u32)>,
    share: (u32, u32),
}

fn read_info(dir: &Path) -> Option<Info> {
    let text = std::fs::read_to_string(dir.join("info.txt")).ok()?;
    let nums: Vec<u32> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    if nums.len() < 4 || !nums.len().is_multiple_of(2) {
        return None;
    }
    let pairs: Vec<(u32, u32)> = nums.chunks(2).map(|c| (c[0], c[1])).collect();
    let (first, rest) = pairs.split_first()?;
    let (share, sizes) = rest.split_last()?;
    let info = Info {
        width: first.0,
        height: first.1,
        sizes: sizes.to_vec(),
        share: *share,
    };
    let complete = info.sizes.iter().all(|(w, _)| {
        dir.join(format!("{w}.jpg")).is_file() && dir.join(format!("{w}.webp")).is_file()
    }) && dir.join(format!("{}.jpg", info.share.0)).is_file();
    complete.then_some(info)
}

/// The widths to make for an upright width `w`: those of [`WIDTHS`]
/// narrower than it, and the original width up to the largest.
fn widths_for(w: u32) -> Vec<u32> {
    let top = *WIDTHS.last().unwrap_or(&w);
    let mut v: Vec<u32> = WIDTHS.iter().copied().filter(|&x| x < w).collect();
    let last = w.min(top);
    if v.last() != Some(&last) {
        v.push(last);
    }
    v
}

fn scaled(h: u32, w: u32, to: u32) -> u32 {
    ((u64::from(h) * u64::from(to) + u64::from(w) / 2) / u64::from(w)).max(1) as u32
}

/// Whether `bytes` is a photo the pipeline will take: JPEG, PNG or WebP
/// by its content, within the size limits (read from its header, nothing
/// decoded). Gives its format's file extension and its size.
pub fn check_photo(bytes: &[u8]) -> Result<(&'static str, u32, u32), String> {
    let ext = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "webp"
    } else {
        return Err("tệp không phải ảnh JPEG, PNG hoặc WebP".into());
    };
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("ảnh lớn hơn {} MB", MAX_BYTES >> 20));
    }
    let reader = limited_reader(bytes)?;
    let (w, h) = reader.into_dimensions().map_err(|e| unreadable(&e))?;
    within_pixels(w, h)?;
    Ok((ext, w, h))
}

/// A reader of `bytes` that refuses sides over [`MAX_SIDE`] and more than
/// 1 GiB of memory.
fn limited_reader(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| crate::diag::io_message(&e))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    Ok(reader)
}

/// Refuses a photo of more than [`MAX_PIXELS`].
fn within_pixels(w: u32, h: u32) -> Result<(), String> {
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "ảnh {w} × {h} điểm ảnh, quá giới hạn {} triệu điểm ảnh",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// What to make of a photo `uw` wide upright: the page widths, the link
/// preview's width, and each (width, with a WebP) to encode.
fn jobs_for(uw: u32) -> (Vec<u32>, u32, Vec<(u32, bool)>) {
    let widths = widths_for(uw);
    let share_w = if uw >= SHARE_WIDTH {
        SHARE_WIDTH
    } else {
        *widths.last().unwrap_or(&uw)
    };
    let mut jobs: Vec<(u32, bool)> = widths.iter().map(|&w| (w, true)).collect();
    if !widths.contains(&share_w) {
        jobs.push((share_w, false));
    }
    (widths, share_w, jobs)
}

/// Decodes, turns upright, resizes and encodes one photo into the cache
/// folder `key`.
fn make(bytes: &[u8], root: &Path, key: &str) -> Result<Info, String> {
    let (sw, sh) = limited_reader(bytes)?
        .into_dimensions()
        .map_err(|e| unreadable(&e))?;
    within_pixels(sw, sh)?;
    let largest = WIDTHS
        .iter()
        .copied()
        .max()
        .unwrap_or(SHARE_WIDTH)
        .max(SHARE_WIDTH);
    let decode::Decoded {
        rgb,
        orientation,
        width: sw,
        height: sh,
    } = decode::decode(bytes, largest)?;
    let (rw, rh) = rgb.dimensions();
    let turned = decode::turned(orientation);
    let (uw, uh) = if turned { (sh, sw) } else { (sw, sh) };
    let (widths, share_w, jobs) = jobs_for(uw);
    // Two files with the same bytes may be made at once: each its own
    // temporary folder, the first to settle wins.
    let cache = crate::disk::Dir::open(root, CACHE, true).map_err(|e| e.to_string())?;
    let (tmp, folder) = cache.temp_dir().map_err(|e| e.to_string())?;
    let mut names: Vec<String> = jobs
        .iter()
        .flat_map(|&(w, webp)| {
            let mut n = vec![format!("{w}.jpg")];
            if webp {
                n.push(format!("{w}.webp"));
            }
            n
        })
        .collect();
    names.push("info.txt".into());
    let put = |name: &str, bytes: &[u8]| {
        folder
            .replace(name, bytes, crate::disk::Expect::Any)
            .map_err(|e| e.to_string())
    };
    // Resized in the stored orientation, then turned: turning the small
    // image costs a fraction of turning the original.
    let made: Vec<Result<(u32, u32), String>> = jobs
        .par_iter()
        .map(|&(w, webp)| {
            let h = scaled(uh, uw, w);
            let (tw, th) = if turned { (h, w) } else { (w, h) };
            let small = resize(&rgb, rw, rh, tw, th)?;
            let mut up = DynamicImage::ImageRgb8(small);
            up.apply_orientation(orientation);
            let up = up.into_rgb8();
            let jpeg = encode_jpeg(&up)?;
            put(&format!("{w}.jpg"), &jpeg)?;
            if webp {
                let cfg = webp_config()?;
                let out = webp::Encoder::from_rgb(up.as_raw(), up.width(), up.height())
                    .encode_advanced(&cfg)
                    .map_err(|e| format!("không mã hóa được WebP ({e:?})"))?;
                put(&format!("{w}.webp"), &out)?;
            }
            Ok((up.width(), up.height()))
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut dims = Vec::with_capacity(made.len());
    for m in made {
        match m {
            Ok(d) => dims.push(d),
            Err(e) => {
                cache.discard(&tmp, &names);
                return Err(e);
            }
        }
    }
    let share = dims[jobs.iter().position(|j| j.0 == share_w).unwrap_or(0)];
    let sizes: Vec<(u32, u32)> = dims[..widths.len()].to_vec();
    let mut info_text = format!("{uw} {uh}\n");
    for (w, h) in sizes.iter().chain(std::iter::once(&share)) {
        info_text.push_str(&format!("{w} {h}\n"));
    }
    if let Err(e) = put("info.txt", info_text.as_bytes()) {
        cache.discard(&tmp, &names);
        return Err(e);
    }
    // Another build may have made the same folder meanwhile: either is right.
    cache.settle(&tmp, &names, key).map_err(|e| e.to_string())?;
    Ok(Info {
        width: uw,
        height: uh,
        sizes,
        share,
    })
}

/// Why a photo could not be read, in Vietnamese.
fn unreadable(e: &image::ImageError) -> String {
    use image::ImageError as E;
    match e {
        E::Unsupported(_) => {
            "không đọc được ảnh: định dạng không hỗ trợ (chỉ nhận JPEG, PNG, WebP)".into()
        }
        E::Limits(_) => format!("ảnh quá lớn để xử lý (tối đa {MAX_SIDE} điểm ảnh mỗi cạnh)"),
        E::IoError(io) => format!("không đọc được ảnh: {}", crate::diag::io_message(io)),
        E::Decoding(_) | E::Parameter(_) | E::Encoding(_) => {
            "không đọc được ảnh: tệp hỏng hoặc không đầy đủ".into()
        }
    }
}

fn resize(
    src: &image::RgbImage,
    sw: u32,
    sh: u32,
    tw: u32,
    th: u32,
) -> Result<image::RgbImage, String> {
    use fast_image_resize as fr;
    if (sw, sh) == (tw, th) {
        return Ok(src.clone());
    }
    let from = fr::images::ImageRef::new(sw, sh, src.as_raw(), fr::PixelType::U8x3)
        .map_err(|e| format!("không thu nhỏ được ảnh ({e})"))?;
    let mut to = fr::images::Image::new(tw, th, fr::PixelType::U8x3);
    let opts =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&from, &mut to, &opts)
        .map_err(|e| format!("không thu nhỏ được ảnh ({e})"))?;
    image::RgbImage::from_raw(tw, th, to.into_vec()).ok_or_else(|| "không thu nhỏ được ảnh".into())
}

fn encode_jpeg(img: &image::RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(img.as_raw().len() / 8);
    let mut enc = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    enc.set_progressive(true);
    enc.set_optimized_huffman_tables(true);
    let (w, h) = (
        u16::try_from(img.width()).map_err(|_| "ảnh quá rộng".to_string())?,
        u16::try_from(img.height()).map_err(|_| "ảnh quá cao".to_string())?,
    );
    enc.encode(img.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("không mã hóa được JPEG ({e})"))?;
    Ok(out)
}

fn webp_config() -> Result<webp::WebPConfig, String> {
    let mut cfg = webp::WebPConfig::new().map_err(|_| "không dùng được libwebp".to_string())?;
    cfg.quality = WEBP_QUALITY;
    cfg.method = WEBP_METHOD;
    Ok(cfg)
}

/// The photo as the site publishes it, and its files: the output path of
/// each size → its file in the cache.
fn published(
    rel: &str,
    key: &str,
    dir: &Path,
    info: &Info,
) -> (PhotoSizes, Vec<(String, PathBuf)>) {
    let stem = rel.rfind('.').map_or(rel, |i| &rel[..i]);
    let short = &key[..8];
    let mut files = Vec::new();
    let mut name = |w: u32, ext: &str| {
        let out = format!("{stem}.{short}-{w}.{ext}");
        files.push((out.clone(), dir.join(format!("{w}.{ext}"))));
        out
    };
    let sizes: Vec<Rendition> = info
        .sizes
        .iter()
        .map(|&(w, h)| Rendition {
            width: w,
            height: h,
            jpeg: name(w, "jpg"),
            webp: Some(name(w, "webp")),
        })
        .collect();
    let share = match sizes.iter().find(|r| r.width == info.share.0) {
        Some(r) => r.clone(),
        None => Rendition {
            width: info.share.0,
            height: info.share.1,
            jpeg: name(info.share.0, "jpg"),
            webp: None,
        },
    };
    (
        PhotoSizes {
            width: info.width,
            height: info.height,
            sizes,
            share,
        },
        files,
    )
}

/// Whether a JPEG's EXIF names a GPS block (tag 0x8825 in its first IFD).
pub fn has_gps(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let seg = bytes.get(i + 4..i + 2 + len).unwrap_or(&[]);
        if marker == 0xE1 && seg.starts_with(b"Exif\0\0") && tiff_has_gps(&seg[6..]) {
            return true;
        }
        i += 2 + len;
    }
    false
}

fn tiff_has_gps(t: &[u8]) -> bool {
    let le = t.starts_with(b"II");
    let u16_at = |o: usize| {
        t.get(o..o + 2).map(|b| {
            if le {
                u16::from_le_bytes([b[0], b[1]])
            } else {
                u16::from_be_bytes([b[0], b[1]])
            }
        })
    };
    let u32_at = |o: usize| {
        t.get(o..o + 4).map(|b| {
            let a = [b[0], b[1], b[2], b[3]];
            if le {
                u32::from_le_bytes(a)
            } else {
                u32::from_be_bytes(a)
            }
        })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return false;
    };
    let n = usize::from(u16_at(ifd).unwrap_or(0)).min(512);
    (0..n).any(|k| u16_at(ifd + 2 + 12 * k) == Some(0x8825))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_enlarge_and_end_at_the_original_or_the_largest() {
        assert_eq!(widths_for(4032), [240, 480, 960, 1600]);
        assert_eq!(widths_for(1000), [240, 480, 960, 1000]);
        assert_eq!(widths_for(960), [240, 480, 960]);
        assert_eq!(widths_for(300), [240, 300]);
        assert_eq!(widths_for(200), [200]);
        assert_eq!(scaled(3024, 4032, 480), 360);
    }
}
