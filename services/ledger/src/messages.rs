//! Every user-facing message of the ledger, Thai first then English, in one place.

use sujarit_contracts::{DomainError, ErrorCode};

pub(crate) fn missing_header(name: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("คำสั่งไม่มีส่วนหัว {name}"),
        format!("the command has no {name} header"),
    )
}

pub(crate) fn bad_header(name: &str, value: &str, expected: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("ส่วนหัว {name} มีค่า `{value}` ไม่ถูกต้อง ต้องเป็น {expected}"),
        format!("header {name} is `{value}`, expected {expected}"),
    )
}

pub(crate) fn version_conflict(stream: &str, expected: u64, actual: u64) -> DomainError {
    DomainError::new(
        ErrorCode::Conflict,
        format!("ข้อมูล {stream} ถูกแก้ไขไปแล้ว (ฉบับที่ {actual} ไม่ใช่ {expected}) กรุณาโหลดใหม่แล้วลองอีกครั้ง"),
        format!("{stream} has changed (it is at version {actual}, not {expected}); reload and try again"),
    )
}

pub(crate) fn unavailable(detail: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Unavailable,
        format!("ระบบบันทึกข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาส่งคำสั่งเดิมอีกครั้ง ({detail})"),
        format!("the ledger cannot record right now; send the same command again ({detail})"),
    )
}

pub(crate) fn internal(detail: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Internal,
        format!("เกิดข้อผิดพลาดภายในระบบ ({detail})"),
        format!("internal error ({detail})"),
    )
}

pub(crate) fn anonymous_forbidden() -> DomainError {
    DomainError::new(
        ErrorCode::Forbidden,
        "ผู้ไม่ระบุตัวตนไม่มีสิทธิ์จัดการทะเบียนหน่วยงาน",
        "an anonymous actor may not change the organisation-unit registry",
    )
}

pub(crate) fn admin_only_org_units() -> DomainError {
    DomainError::new(
        ErrorCode::Forbidden,
        "เฉพาะผู้ดูแลระบบเท่านั้นที่จัดการทะเบียนหน่วยงานได้",
        "only an admin may change the organisation-unit registry",
    )
}

pub(crate) fn org_unit_exists(name: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Conflict,
        format!("หน่วยงานนี้ลงทะเบียนไว้แล้วในชื่อ \"{name}\""),
        format!("this organisation unit is already registered as \"{name}\""),
    )
}

pub(crate) fn org_unit_not_found() -> DomainError {
    DomainError::new(ErrorCode::NotFound, "ไม่พบหน่วยงานนี้", "no such organisation unit")
}

pub(crate) fn name_empty() -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        "ชื่อหน่วยงานต้องไม่ว่าง",
        "the organisation unit's name must not be empty",
    )
}

pub(crate) fn name_too_long(max: usize) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("ชื่อหน่วยงานยาวเกิน {max} ตัวอักษร"),
        format!("the organisation unit's name is longer than {max} characters"),
    )
}

pub(crate) fn plan_not_found(plan_id: uuid::Uuid) -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        format!("ไม่พบแผน {plan_id}"),
        format!("no plan {plan_id}"),
    )
}

pub(crate) fn plan_not_endorsed(plan_id: uuid::Uuid) -> DomainError {
    DomainError::new(
        ErrorCode::Conflict,
        format!("แผน {plan_id} ยังไม่ได้รับความเห็นชอบ จึงยังเปิดรอบรายงานผลไม่ได้"),
        format!("plan {plan_id} is not endorsed yet, so no reporting round can be opened against it"),
    )
}

pub(crate) fn round_outside_plan(year: u16, from: u16, to: u16) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("ปีงบประมาณ {year} อยู่นอกช่วงของแผน ({from}–{to})"),
        format!("fiscal year {year} is outside the plan's years ({from}–{to})"),
    )
}

pub(crate) fn anonymous_needs_random_ids() -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        "คำสั่งของผู้ไม่ระบุตัวตนต้องใช้รหัสคำสั่งแบบสุ่ม (UUID v4) ที่ไม่บอกเวลา",
        "an anonymous command must use random (v4) command and correlation ids, which carry no time",
    )
}
