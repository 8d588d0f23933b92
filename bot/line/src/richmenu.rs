//! The rich menu: the four big buttons under the chat that Thai government LINE accounts use
//! instead of typed commands — รายงานผล (report progress), แจ้งเบาะแส (file a tip), ติดตามเรื่อง
//! (check a case), ช่วยเหลือ (help).
//!
//! Each area is a postback whose data is the core's command payload (`cmd:report`, …), the same
//! payload the core's own menu buttons carry, so a tap runs the command wherever the conversation
//! stands; its `displayText` puts the Thai label in the chat as if typed.
//!
//! The image is drawn here, so `sujarit line setup` needs no design files: four coloured panels
//! with the Thai label large and the English one under it, Thai shaped and drawn by
//! `sujarit-chart`'s text module from its bundled Laksaman fonts (the free
//! twin of TH Sarabun, the government typeface). The result is a PNG of about 60 KB, well under
//! LINE's 1 MB.
//!
//! [`setup`] creates the menu, uploads the image, makes it the default, and then deletes older
//! menus of the same name, so running it again replaces the menu instead of piling them up.

use serde_json::{json, Value};
use sujarit_chart::text::{draw, width, Style};
use tiny_skia::{Color, Paint, Pixmap, Rect, Transform};

use crate::client::{LineClient, LineError, RichMenuId};
use crate::config::LineConfig;
use crate::text::{CHAT_BAR_TEXT, RICH_MENU_PANELS};

/// Width of the menu and its image, in pixels.
pub const RICH_MENU_WIDTH: u32 = 2500;
/// Height of the menu and its image (LINE's compact size).
pub const RICH_MENU_HEIGHT: u32 = 843;
/// The menu's name (not shown to users): how [`setup`] finds its older copies.
pub const RICH_MENU_NAME: &str = "sujarit-main";
/// The prefix the core reads as "run this command" on a button payload.
///
/// The core keeps it crate-private (`sujarit_bot::step::COMMAND_PAYLOAD`); a test here checks
/// that the core runs these payloads.
pub const COMMAND_PAYLOAD: &str = "cmd:";

/// Largest image LINE accepts for a rich menu.
const MAX_IMAGE_BYTES: usize = 1024 * 1024;

/// The panels' colours, left to right: navy, deep red, teal, slate.
const PANEL_COLORS: [(u8, u8, u8); 4] = [
    (0x1B, 0x3A, 0x6B),
    (0x9B, 0x22, 0x26),
    (0x0F, 0x6E, 0x6A),
    (0x47, 0x55, 0x69),
];
/// The gold rule along the top.
const GOLD: (u8, u8, u8) = (0xC9, 0xA2, 0x27);

/// The rich menu object for LINE's "create rich menu" call: 2500×843, four equal areas.
pub fn rich_menu_definition() -> Value {
    let panel_width = RICH_MENU_WIDTH / RICH_MENU_PANELS.len() as u32;
    let areas: Vec<Value> = RICH_MENU_PANELS
        .iter()
        .enumerate()
        .map(|(index, (thai, _english, command))| {
            let x = index as u32 * panel_width;
            let width = match index + 1 == RICH_MENU_PANELS.len() {
                true => RICH_MENU_WIDTH - x,
                false => panel_width,
            };
            json!({
                "bounds": { "x": x, "y": 0, "width": width, "height": RICH_MENU_HEIGHT },
                "action": {
                    "type": "postback",
                    "label": thai,
                    "data": format!("{COMMAND_PAYLOAD}{command}"),
                    "displayText": thai,
                },
            })
        })
        .collect();
    json!({
        "size": { "width": RICH_MENU_WIDTH, "height": RICH_MENU_HEIGHT },
        "selected": true,
        "name": RICH_MENU_NAME,
        "chatBarText": CHAT_BAR_TEXT,
        "areas": areas,
    })
}

/// Creates the rich menu, uploads its image and makes it the default for every user; its id.
/// Older menus named [`RICH_MENU_NAME`] are deleted afterwards (a failure there is only logged).
pub async fn setup(config: &LineConfig) -> Result<RichMenuId, LineError> {
    let line = LineClient::new(config.clone())?;
    setup_with(&line).await
}

/// [`setup`] with an existing client.
pub async fn setup_with(line: &LineClient) -> Result<RichMenuId, LineError> {
    let png = rich_menu_image()?;
    let id = line.create_rich_menu(&rich_menu_definition()).await?;
    line.upload_rich_menu_image(&id, png).await?;
    line.set_default_rich_menu(&id).await?;
    match line.list_rich_menus().await {
        Ok(menus) => {
            for (old, name) in menus {
                if name == RICH_MENU_NAME && old != id {
                    if let Err(error) = line.delete_rich_menu(&old).await {
                        tracing::warn!(%error, menu = %old, "old rich menu not deleted");
                    }
                }
            }
        }
        Err(error) => tracing::warn!(%error, "old rich menus not listed"),
    }
    Ok(id)
}

/// The menu's image: a PNG of [`RICH_MENU_WIDTH`]×[`RICH_MENU_HEIGHT`].
pub fn rich_menu_image() -> Result<Vec<u8>, LineError> {
    let mut pixmap = Pixmap::new(RICH_MENU_WIDTH, RICH_MENU_HEIGHT)
        .ok_or_else(|| LineError::Image("cannot allocate the image".into()))?;
    pixmap.fill(Color::WHITE);
    let panel_width = RICH_MENU_WIDTH as f32 / RICH_MENU_PANELS.len() as f32;
    let height = RICH_MENU_HEIGHT as f32;
    let gap = 8.0;
    let rule = 14.0;
    for (index, ((thai, english, _), color)) in RICH_MENU_PANELS.iter().zip(PANEL_COLORS).enumerate() {
        let left = index as f32 * panel_width;
        let inner_left = left + if index == 0 { 0.0 } else { gap / 2.0 };
        let inner_right = left + panel_width
            - if index + 1 == RICH_MENU_PANELS.len() {
                0.0
            } else {
                gap / 2.0
            };
        fill_rect(&mut pixmap, inner_left, 0.0, inner_right - inner_left, height, color)?;
        fill_rect(&mut pixmap, inner_left, 0.0, inner_right - inner_left, rule, GOLD)?;
        let centre = left + panel_width / 2.0;
        let max_width = panel_width - 90.0;
        let thai_style = fitted(thai, Style::bold(150.0), max_width);
        let english_style = fitted(english, Style::regular(72.0), max_width);
        draw_centred(&mut pixmap, thai, thai_style, centre, height * 0.52);
        draw_centred(&mut pixmap, english, english_style, centre, height * 0.52 + 130.0);
    }
    let png = encode_rgb_png(&pixmap)?;
    match png.len() <= MAX_IMAGE_BYTES {
        true => Ok(png),
        false => Err(LineError::Image(format!("{} bytes, over LINE's 1 MB", png.len()))),
    }
}

/// Draws `text` in white, centred on `centre`, on the baseline `baseline` (shaped and drawn by
/// `sujarit-chart`, from its bundled fonts).
fn draw_centred(pixmap: &mut Pixmap, text: &str, style: Style, centre: f32, baseline: f32) {
    draw(
        pixmap,
        text,
        style,
        centre - width(text, style) / 2.0,
        baseline,
        Color::WHITE,
    );
}

/// The style, shrunk until the text fits the width.
fn fitted(text: &str, style: Style, max_width: f32) -> Style {
    let natural = width(text, style);
    match natural > max_width && natural > 0.0 {
        true => Style {
            px: style.px * max_width / natural,
            ..style
        },
        false => style,
    }
}

fn fill_rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, (r, g, b): (u8, u8, u8)) -> Result<(), LineError> {
    let rect = Rect::from_xywh(x, y, w, h).ok_or_else(|| LineError::Image("empty panel".into()))?;
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, 255);
    pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    Ok(())
}

/// The pixmap as an opaque RGB PNG (smaller than RGBA; the menu has no transparency).
fn encode_rgb_png(pixmap: &Pixmap) -> Result<Vec<u8>, LineError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|pixel| [pixel[0], pixel[1], pixel[2]])
        .collect();
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let image_error = |error: png::EncodingError| LineError::Image(error.to_string());
        let mut writer = encoder.write_header().map_err(image_error)?;
        writer.write_image_data(&rgb).map_err(image_error)?;
        writer.finish().map_err(image_error)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use sujarit_bot::{step, Conversation, Effect, Input};
    use sujarit_contracts::complaint::Channel;

    use super::*;

    #[test]
    fn the_definition_has_four_areas_covering_the_menu_with_command_postbacks() {
        let definition = rich_menu_definition();
        assert_eq!(definition["size"]["width"], 2500);
        assert_eq!(definition["size"]["height"], 843);
        assert!(definition["chatBarText"].as_str().unwrap().chars().count() <= 14);
        let areas = definition["areas"].as_array().unwrap();
        assert_eq!(areas.len(), 4);
        let covered: u64 = areas.iter().map(|area| area["bounds"]["width"].as_u64().unwrap()).sum();
        assert_eq!(covered, 2500);
        let data: Vec<&str> = areas
            .iter()
            .map(|area| area["action"]["data"].as_str().unwrap())
            .collect();
        assert_eq!(data, ["cmd:report", "cmd:tip", "cmd:status", "cmd:help"]);
        let labels: Vec<&str> = areas
            .iter()
            .map(|area| area["action"]["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["รายงานผล", "แจ้งเบาะแส", "ติดตามเรื่อง", "ช่วยเหลือ"]);
        for area in areas {
            assert!(area["action"]["label"].as_str().unwrap().chars().count() <= 20);
        }
    }

    #[test]
    fn the_core_runs_the_rich_menu_payloads_as_commands() {
        // A tap on "ช่วยเหลือ" must give the same answer as typing /help.
        let now = Utc::now();
        let (_, tapped) = step(&Conversation::new(Channel::Line), Input::Button("cmd:help".into()), now);
        let (_, typed) = step(&Conversation::new(Channel::Line), Input::from_text("/help"), now);
        let replies = |effects: Vec<Effect>| -> Vec<String> {
            effects
                .into_iter()
                .filter_map(|effect| match effect {
                    Effect::Reply(message) => Some(message.text),
                    _ => None,
                })
                .collect()
        };
        let tapped = replies(tapped);
        assert!(!tapped.is_empty());
        assert_eq!(tapped, replies(typed));
        for panel in RICH_MENU_PANELS {
            let (_, effects) = step(
                &Conversation::new(Channel::Line),
                Input::Button(format!("cmd:{}", panel.2)),
                now,
            );
            assert!(!replies(effects).is_empty(), "{} gave no reply", panel.2);
        }
    }

    #[test]
    fn the_image_is_a_png_of_the_menu_size_under_one_megabyte_with_four_colours() {
        let png = rich_menu_image().unwrap();
        assert!(png.len() <= MAX_IMAGE_BYTES, "{} bytes", png.len());
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (RICH_MENU_WIDTH, RICH_MENU_HEIGHT));
        // Sample each panel near its bottom-left corner, away from the text.
        for (index, (r, g, b)) in PANEL_COLORS.iter().enumerate() {
            let x = index * 625 + 40;
            let y = 800;
            let at = (y * RICH_MENU_WIDTH as usize + x) * 3;
            assert_eq!(&pixels[at..at + 3], &[*r, *g, *b], "panel {index}");
        }
        // And some white text is drawn in the first panel's middle band.
        let white = (300..560)
            .flat_map(|y| (40..585).map(move |x| (y * RICH_MENU_WIDTH as usize + x) * 3))
            .filter(|at| pixels[*at..*at + 3] == [255, 255, 255])
            .count();
        assert!(white > 1000, "only {white} white pixels: no label drawn?");
    }
}
