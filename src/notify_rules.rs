//! The notifier's rules in `sujarit up`: defaults, or a JSON file (`--notify-rules FILE`) with
//! any of reminder days and times per plan, quiet hours, urgent kinds, who receives what, and the
//! year's extra public holidays (the lunar ones: Makha Bucha, Visakha Bucha, Asarnha Bucha,
//! substitution days). `sujarit notify-rules` prints the defaults as a template.

use std::path::Path;

use anyhow::Context as _;
use sujarit_notifier::Rules;

/// Reads and checks a rules file; the error names the file and the setting at fault.
pub fn load(path: &Path) -> anyhow::Result<Rules> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the notification rules {}", path.display()))?;
    parse(&text).with_context(|| format!("notification rules {}", path.display()))
}

fn parse(text: &str) -> anyhow::Result<Rules> {
    let mut json = serde_json::Deserializer::from_str(text);
    let rules: Rules = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let at = e.path().to_string();
        anyhow::anyhow!(
            "`{at}`: {} (see `sujarit notify-rules` for every setting)",
            e.into_inner()
        )
    })?;
    rules.validate().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(rules)
}

/// `sujarit notify-rules`: the defaults, as a file to start from.
pub fn print_defaults() -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(&Rules::default())?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_defaults_read_back_as_the_defaults() {
        let text = serde_json::to_string_pretty(&Rules::default()).unwrap();
        assert_eq!(parse(&text).unwrap(), Rules::default());
    }

    #[test]
    fn a_partial_file_keeps_the_other_defaults_and_adds_holidays() {
        let rules = parse(r#"{"plan": {"remind_days_before": [5, 2]}, "holidays": ["2027-02-22"]}"#).unwrap();
        assert_eq!(rules.plan.remind_days_before, vec![5, 2]);
        assert_eq!(rules.plan.send_at, Rules::default().plan.send_at);
        assert_eq!(
            rules.holidays,
            vec![chrono::NaiveDate::from_ymd_opt(2027, 2, 22).unwrap()]
        );
    }

    #[test]
    fn a_bad_setting_is_named() {
        let err = parse(r#"{"plan": {"send_at": "25:00"}}"#).unwrap_err().to_string();
        assert!(err.contains("plan.send_at"), "{err}");
        let err = parse(r#"{"holidays": ["2027-13-01"]}"#).unwrap_err().to_string();
        assert!(err.contains("holidays[0]"), "{err}");
        let err = parse(r#"{"quiet": {}}"#).unwrap_err().to_string();
        assert!(err.contains("quiet"), "{err}");
        let err = parse(r#"{"plan": {"send_at": "22:30"}}"#).unwrap_err().to_string();
        assert!(err.contains("quiet hours"), "{err}");
    }
}
