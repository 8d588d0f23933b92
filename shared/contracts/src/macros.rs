//! Declarative macros that turn a list of payload structs into an aggregate's event or command
//! enum, with the type-name mapping the envelope and the NATS subjects need. One definition per
//! aggregate, so a new event is one struct plus one line.

/// Declares an aggregate's event enum: each variant wraps a struct of the same name, whose name
/// is the stored event type. `schema` is the payload version written with new events.
#[macro_export]
macro_rules! domain_events {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $schema:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name { $($variant($variant)),+ }

        impl $crate::DomainEvent for $name {
            fn event_type(&self) -> &'static str {
                match self { $($name::$variant(_) => stringify!($variant)),+ }
            }
            fn schema(&self) -> u32 {
                match self { $($name::$variant(_) => $schema),+ }
            }
            fn to_payload(&self) -> serde_json::Result<Box<serde_json::value::RawValue>> {
                match self { $($name::$variant(e) => serde_json::value::to_raw_value(e)),+ }
            }
            fn from_payload(event_type: &str, payload: &str) -> Result<Self, $crate::DecodeError> {
                match event_type {
                    $(stringify!($variant) => $crate::decode_json(event_type, payload.as_bytes()).map($name::$variant),)+
                    other => Err($crate::DecodeError::UnknownType(other.to_string())),
                }
            }
        }

        $(impl From<$variant> for $name {
            fn from(event: $variant) -> Self { $name::$variant(event) }
        })+
    };
}

/// Declares an aggregate's command enum: each variant wraps a struct of the same name, whose name
/// is the last token of the command's NATS subject (`sujarit.cmd.<aggregate>.<Name>`).
#[macro_export]
macro_rules! domain_commands {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name { $($variant($variant)),+ }

        impl $name {
            /// Every command name of this aggregate, as used in subjects.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($variant)),+];

            /// The command name, as used in its subject.
            pub fn name(&self) -> &'static str {
                match self { $($name::$variant(_) => stringify!($variant)),+ }
            }

            /// The command body as JSON.
            pub fn to_body(&self) -> serde_json::Result<Vec<u8>> {
                match self { $($name::$variant(c) => serde_json::to_vec(c)),+ }
            }

            /// Parses a command from its subject name and JSON body.
            pub fn decode(name: &str, body: &[u8]) -> Result<Self, $crate::DecodeError> {
                match name {
                    $(stringify!($variant) => $crate::decode_json(name, body).map($name::$variant),)+
                    other => Err($crate::DecodeError::UnknownType(other.to_string())),
                }
            }
        }

        $(impl From<$variant> for $name {
            fn from(command: $variant) -> Self { $name::$variant(command) }
        })+
    };
}
