//! NATS subjects and stream names: the contract between processes (DESIGN.md, "NATS subjects").

/// Prefix of command subjects: `sujarit.cmd.<aggregate>.<Command>`.
pub const COMMAND_PREFIX: &str = "sujarit.cmd";
/// Wildcard the ledger subscribes to.
pub const COMMANDS: &str = "sujarit.cmd.>";
/// Queue group of the ledger.
pub const LEDGER_QUEUE: &str = "ledger";
/// Prefix of event subjects: `sujarit.evt.<aggregate>.<EventType>`.
pub const EVENT_PREFIX: &str = "sujarit.evt";
/// Wildcard of all event subjects.
pub const EVENTS: &str = "sujarit.evt.>";
/// The JetStream stream that carries every event.
pub const EVENT_STREAM: &str = "SUJARIT_EVENTS";

/// The subject a command is sent on.
pub fn command(aggregate: &str, name: &str) -> String {
    format!("{COMMAND_PREFIX}.{aggregate}.{name}")
}

/// The subject an event is published on.
pub fn event(aggregate: &str, event_type: &str) -> String {
    format!("{EVENT_PREFIX}.{aggregate}.{event_type}")
}

/// Splits a command subject into `(aggregate, name)`.
pub fn parse_command(subject: &str) -> Option<(&str, &str)> {
    let rest = subject.strip_prefix(COMMAND_PREFIX)?.strip_prefix('.')?;
    let (aggregate, name) = rest.split_once('.')?;
    (!aggregate.is_empty() && !name.is_empty() && !name.contains('.')).then_some((aggregate, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_subjects_round_trip() {
        let s = command("orgunit", "RegisterOrgUnit");
        assert_eq!(s, "sujarit.cmd.orgunit.RegisterOrgUnit");
        assert_eq!(parse_command(&s), Some(("orgunit", "RegisterOrgUnit")));
        assert_eq!(parse_command("sujarit.cmd.orgunit"), None);
        assert_eq!(parse_command("sujarit.cmd.a.b.c"), None);
        assert_eq!(parse_command("other.cmd.a.b"), None);
    }
}
