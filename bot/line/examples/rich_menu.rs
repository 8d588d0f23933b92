//! Writes the rich menu image, to look at it without a LINE account:
//! `cargo run -p sujarit-line --example rich_menu -- /tmp/rich-menu.png`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "rich-menu.png".to_string());
    let png = sujarit_line::rich_menu_image()?;
    std::fs::write(&path, &png)?;
    println!("{path}: {} bytes", png.len());
    Ok(())
}
