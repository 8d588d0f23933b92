//! Plan and progress CSV formats (DESIGN.md, "Data formats").
