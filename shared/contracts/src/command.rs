//! Commands as they arrive on `sujarit.cmd.<aggregate>.<Command>`, and who sends them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::complaint::{self, ComplaintCommand};
use crate::orgunit::{self, OrgUnitCommand};
use crate::people::{self, PersonCommand};
use crate::plan::{self, PlanCommand};
use crate::round::{self, RoundCommand};
use crate::{subjects, DecodeError, DomainError, ErrorCode, StreamName};

/// Who a command acts for (header `Sujarit-Actor`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Actor {
    /// An authenticated person, by id.
    Person(Uuid),
    /// One of our services (`service:notifier`).
    Service(String),
    /// A citizen who chose not to be known.
    Anonymous,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Person(id) => write!(f, "{id}"),
            Actor::Service(name) => write!(f, "service:{name}"),
            Actor::Anonymous => f.write_str("anonymous"),
        }
    }
}

impl FromStr for Actor {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s == "anonymous" {
            return Ok(Actor::Anonymous);
        }
        if let Some(name) = s.strip_prefix("service:") {
            let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            return ok
                .then(|| Actor::Service(name.to_string()))
                .ok_or_else(|| s.to_string());
        }
        Uuid::parse_str(s).map(Actor::Person).map_err(|_| s.to_string())
    }
}

impl TryFrom<String> for Actor {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Actor> for String {
    fn from(value: Actor) -> Self {
        value.to_string()
    }
}

/// Every command the ledger knows, grouped by aggregate.
// A command is parsed once per request and moved a few times; boxing the larger variants would
// only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Organisation-unit registry.
    OrgUnit(OrgUnitCommand),
    /// Action plans and their approval.
    Plan(PlanCommand),
    /// Reporting rounds and progress submissions.
    Round(RoundCommand),
    /// People and their roles.
    Person(PersonCommand),
    /// Complaints and anonymous tips.
    Complaint(ComplaintCommand),
}

/// Why a command message could not be understood.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The subject is not `sujarit.cmd.<aggregate>.<Command>`.
    #[error("subject `{0}` is not sujarit.cmd.<aggregate>.<Command>")]
    Subject(String),
    /// No such aggregate.
    #[error("unknown aggregate `{0}`")]
    Aggregate(String),
    /// No such command, or a body that does not match it.
    #[error(transparent)]
    Body(#[from] DecodeError),
}

impl CommandError {
    /// The rejection to send back, in Thai and English.
    pub fn to_domain_error(&self) -> DomainError {
        let (th, en) = match self {
            CommandError::Subject(s) => (
                format!("หัวเรื่องคำสั่ง `{s}` ไม่ถูกต้อง ต้องเป็น sujarit.cmd.<aggregate>.<Command>"),
                self.to_string(),
            ),
            CommandError::Aggregate(a) => (format!("ไม่รู้จักประเภทข้อมูล `{a}`"), self.to_string()),
            CommandError::Body(DecodeError::UnknownType(c)) => {
                (format!("ไม่รู้จักคำสั่ง `{c}`"), format!("unknown command `{c}`"))
            }
            CommandError::Body(DecodeError::Json(c, e)) => (
                format!("ข้อมูลของคำสั่ง `{c}` ไม่ถูกต้อง: {e}"),
                format!("the body of `{c}` is not valid: {e}"),
            ),
        };
        DomainError::new(ErrorCode::Validation, th, en)
    }
}

impl Command {
    /// Parses a command from its NATS subject and JSON body.
    pub fn parse(subject: &str, body: &[u8]) -> Result<Command, CommandError> {
        let (aggregate, name) =
            subjects::parse_command(subject).ok_or_else(|| CommandError::Subject(subject.to_string()))?;
        match aggregate {
            orgunit::AGGREGATE => Ok(Command::OrgUnit(OrgUnitCommand::decode(name, body)?)),
            plan::AGGREGATE => Ok(Command::Plan(PlanCommand::decode(name, body)?)),
            round::AGGREGATE => Ok(Command::Round(RoundCommand::decode(name, body)?)),
            people::AGGREGATE => Ok(Command::Person(PersonCommand::decode(name, body)?)),
            complaint::AGGREGATE => Ok(Command::Complaint(ComplaintCommand::decode(name, body)?)),
            other => Err(CommandError::Aggregate(other.to_string())),
        }
    }

    /// The subject this command is sent on.
    pub fn subject(&self) -> String {
        match self {
            Command::OrgUnit(c) => subjects::command(orgunit::AGGREGATE, c.name()),
            Command::Plan(c) => subjects::command(plan::AGGREGATE, c.name()),
            Command::Round(c) => subjects::command(round::AGGREGATE, c.name()),
            Command::Person(c) => subjects::command(people::AGGREGATE, c.name()),
            Command::Complaint(c) => subjects::command(complaint::AGGREGATE, c.name()),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Vec<u8> {
        let body = match self {
            Command::OrgUnit(c) => c.to_body(),
            Command::Plan(c) => c.to_body(),
            Command::Round(c) => c.to_body(),
            Command::Person(c) => c.to_body(),
            Command::Complaint(c) => c.to_body(),
        };
        // Serialising plain structs of strings, numbers and ids cannot fail.
        body.unwrap_or_default()
    }

    /// The stream the command writes to.
    pub fn stream(&self) -> StreamName {
        match self {
            Command::OrgUnit(c) => c.stream(),
            Command::Plan(c) => c.stream(),
            Command::Round(c) => c.stream(),
            Command::Person(c) => c.stream(),
            Command::Complaint(c) => c.stream(),
        }
    }
}

impl From<OrgUnitCommand> for Command {
    fn from(value: OrgUnitCommand) -> Self {
        Command::OrgUnit(value)
    }
}

impl From<PlanCommand> for Command {
    fn from(value: PlanCommand) -> Self {
        Command::Plan(value)
    }
}

impl From<PersonCommand> for Command {
    fn from(value: PersonCommand) -> Self {
        Command::Person(value)
    }
}

impl From<ComplaintCommand> for Command {
    fn from(value: ComplaintCommand) -> Self {
        Command::Complaint(value)
    }
}

impl From<RoundCommand> for Command {
    fn from(value: RoundCommand) -> Self {
        Command::Round(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_parse_and_print_the_same() {
        for s in ["anonymous", "service:notifier", "0190a1b2-0000-7000-8000-000000000001"] {
            assert_eq!(s.parse::<Actor>().unwrap().to_string(), s);
        }
        assert!("".parse::<Actor>().is_err());
        assert!("service:".parse::<Actor>().is_err());
        assert!("somebody".parse::<Actor>().is_err());
    }

    #[test]
    fn unknown_commands_and_bad_bodies_become_validation_errors_naming_the_problem() {
        let e = Command::parse("sujarit.cmd.orgunit.Explode", b"{}").unwrap_err();
        assert_eq!(e.to_domain_error().code, ErrorCode::Validation);
        assert!(e.to_domain_error().message.en.contains("Explode"));

        let e = Command::parse("sujarit.cmd.orgunit.RegisterOrgUnit", b"{\"name\":1}").unwrap_err();
        assert!(e.to_domain_error().message.en.contains("RegisterOrgUnit"));

        let e = Command::parse("sujarit.cmd.nothing.X", b"{}").unwrap_err();
        assert!(matches!(e, CommandError::Aggregate(_)));
    }
}
