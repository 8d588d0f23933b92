//! Renders the sample Lamphun digest to a PNG for people to look at:
//! `cargo run -p sujarit-chart --example digest [OUT.png]`
//! (default `shared/chart/examples/digest-example.png`).

#[path = "../tests/it/fixtures.rs"]
mod fixtures;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/digest-example.png").to_owned());
    let png = sujarit_chart::render_digest(&fixtures::digest())?;
    std::fs::write(&out, &png)?;
    println!("wrote {out} ({} bytes)", png.len());
    Ok(())
}
