//! The ledger's vault: one key per complaint case and the case's attachments, kept outside the
//! event log so that deleting a case's key erases everything sealed with it (crypto-shredding)
//! while the events, and the statistics built from them, stay.
//!
//! Layout under its directory: `keys/<case-id>.key` (32 bytes) and `blobs/<case-id>/<id>` (the
//! attachment, metadata stripped, sealed under the case key). A key is written to a temporary
//! file, fsynced, renamed and its directory fsynced before any event sealed with it is appended,
//! so an acknowledged event never refers to a key that a crash could lose.
//!
//! Receipt and invite codes are stored as salted hashes (`sujarit_privacy::ReceiptHash`): a code
//! can be checked against a stored digest, never recovered from it.

use std::collections::HashMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sujarit_contracts::complaint::{AttachmentRef, ReceiptDigest, SealedText};
use sujarit_contracts::{DomainError, ErrorCode};
use sujarit_privacy::{attachment_digest, CaseKey, ReceiptCode, ReceiptHash, Sealed};
use uuid::Uuid;

use crate::aggregate::Vault;

/// Keys and blobs of complaint cases.
pub struct KeyVault {
    dir: PathBuf,
    keys: Mutex<HashMap<Uuid, CaseKey>>,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> DomainError {
    DomainError::new(
        ErrorCode::Unavailable,
        format!(
            "ระบบเก็บกุญแจเข้ารหัสไม่พร้อม ({what} {}: {e}) กรุณาส่งคำสั่งเดิมอีกครั้ง",
            path.display()
        ),
        format!(
            "the key vault cannot {what} {}: {e}; send the same command again",
            path.display()
        ),
    )
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Writes `bytes` to `path` so that it is either absent or complete and durable.
fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = path.with_extension("tmp");
    {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    sync_dir(dir)
}

fn aad(case_id: Uuid) -> [u8; 16] {
    *case_id.as_bytes()
}

impl KeyVault {
    /// Opens (creating if needed) the vault in `dir`.
    pub fn open(dir: impl Into<PathBuf>) -> std::io::Result<Self> {
        let dir = dir.into();
        fs::create_dir_all(dir.join("keys"))?;
        fs::create_dir_all(dir.join("blobs"))?;
        Ok(KeyVault {
            dir,
            keys: Mutex::new(HashMap::new()),
        })
    }

    fn key_path(&self, case_id: Uuid) -> PathBuf {
        self.dir.join("keys").join(format!("{case_id}.key"))
    }

    fn blob_dir(&self, case_id: Uuid) -> PathBuf {
        self.dir.join("blobs").join(case_id.to_string())
    }

    /// The case's key; with `create`, made (durably) when missing. `None`: no key (never made,
    /// or shredded).
    fn key(&self, case_id: Uuid, create: bool) -> Result<Option<CaseKey>, DomainError> {
        let mut keys = self.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(key) = keys.get(&case_id) {
            return Ok(Some(key.clone()));
        }
        let path = self.key_path(case_id);
        let key = match fs::read(&path) {
            Ok(bytes) => match <[u8; 32]>::try_from(bytes.as_slice()) {
                Ok(raw) => CaseKey::from_bytes(raw),
                Err(_) => {
                    return Err(DomainError::new(
                        ErrorCode::Internal,
                        format!("กุญแจของเรื่อง {case_id} เสียหาย"),
                        format!("the key of case {case_id} is damaged"),
                    ))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !create {
                    return Ok(None);
                }
                let key = CaseKey::generate();
                write_durably(&path, &key.to_bytes()).map_err(|e| io_error("write", &path, e))?;
                key
            }
            Err(e) => return Err(io_error("read", &path, e)),
        };
        keys.insert(case_id, key.clone());
        Ok(Some(key))
    }

    /// Opens sealed text of a case; `Ok(None)` when the case's key is gone (purged).
    pub fn open_text(&self, case_id: Uuid, sealed: &SealedText) -> Result<Option<String>, DomainError> {
        let Some(key) = self.key(case_id, false)? else {
            return Ok(None);
        };
        key.open_text(&Sealed::from_encoded(sealed.0.clone()), &aad(case_id))
            .map(Some)
            .map_err(|e| {
                DomainError::new(
                    ErrorCode::Internal,
                    format!("เปิดข้อความของเรื่อง {case_id} ไม่ได้: {e}"),
                    format!("cannot open content of case {case_id}: {e}"),
                )
            })
    }

    /// Whether the case's key still exists.
    pub fn has_key(&self, case_id: Uuid) -> Result<bool, DomainError> {
        Ok(self.key(case_id, false)?.is_some())
    }

    /// Deletes the case's key and attachments: its sealed content can never be read again.
    pub fn shred(&self, case_id: Uuid) -> Result<(), DomainError> {
        self.keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&case_id);
        let path = self.key_path(case_id);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error("delete", &path, e)),
        }
        let blobs = self.blob_dir(case_id);
        match fs::remove_dir_all(&blobs) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error("delete", &blobs, e)),
        }
        sync_dir(&self.dir.join("keys")).map_err(|e| io_error("sync", &self.dir, e))
    }

    /// Stores an attachment of a case: metadata stripped (images), sealed under the case key,
    /// written durably. The same content twice in one case gives the same reference.
    pub fn store_blob(&self, case_id: Uuid, bytes: &[u8]) -> Result<AttachmentRef, DomainError> {
        sujarit_privacy::image::check_size(bytes.len()).map_err(attachment_refused)?;
        let (content, mime) = if bytes.starts_with(b"%PDF-") {
            (bytes.to_vec(), "application/pdf")
        } else {
            let stripped = sujarit_privacy::strip_metadata(bytes).map_err(attachment_refused)?;
            (stripped.bytes, stripped.mime)
        };
        let key = self
            .key(case_id, true)?
            .ok_or_else(|| DomainError::new(ErrorCode::Internal, "ไม่มีกุญแจ", "no key"))?;
        let digest = hex(&attachment_digest(&key, &content));
        let dir = self.blob_dir(case_id);
        fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        // The same file in the same case: stored once (the digest names the blob's index entry).
        let index = dir.join(format!("{digest}.ref"));
        if let Ok(existing) = fs::read(&index) {
            if let Ok(found) = serde_json::from_slice::<AttachmentRef>(&existing) {
                return Ok(found);
            }
        }
        let reference = AttachmentRef {
            id: Uuid::new_v4(),
            digest,
            mime: mime.to_string(),
            bytes: content.len() as u64,
        };
        let sealed = key.seal(&content, &aad(case_id));
        let blob = dir.join(reference.id.to_string());
        write_durably(&blob, sealed.as_str().as_bytes()).map_err(|e| io_error("write", &blob, e))?;
        let json = serde_json::to_vec(&reference)
            .map_err(|e| DomainError::new(ErrorCode::Internal, e.to_string(), e.to_string()))?;
        write_durably(&index, &json).map_err(|e| io_error("write", &index, e))?;
        Ok(reference)
    }

    /// Reads an attachment back (decrypted); `Ok(None)` when it or the key is gone.
    pub fn read_blob(&self, case_id: Uuid, attachment_id: Uuid) -> Result<Option<Vec<u8>>, DomainError> {
        let Some(key) = self.key(case_id, false)? else {
            return Ok(None);
        };
        let path = self.blob_dir(case_id).join(attachment_id.to_string());
        let sealed = match fs::read_to_string(&path) {
            Ok(text) => Sealed::from_encoded(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("read", &path, e)),
        };
        key.open(&sealed, &aad(case_id)).map(Some).map_err(|e| {
            DomainError::new(
                ErrorCode::Internal,
                format!("เปิดไฟล์แนบไม่ได้: {e}"),
                format!("cannot open the attachment: {e}"),
            )
        })
    }
}

fn attachment_refused(e: sujarit_privacy::ImageError) -> DomainError {
    DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Vault for KeyVault {
    fn seal(&self, case_id: Uuid, plain: &str) -> Result<SealedText, DomainError> {
        let key = self
            .key(case_id, true)?
            .ok_or_else(|| DomainError::new(ErrorCode::Internal, "สร้างกุญแจไม่ได้", "the case key could not be made"))?;
        Ok(SealedText(key.seal_text(plain, &aad(case_id)).as_str().to_string()))
    }

    fn receipt_digest(&self, receipt_code: &str) -> ReceiptDigest {
        // A code that does not parse can never be typed back: store a digest nothing matches.
        let code = ReceiptCode::parse(receipt_code).unwrap_or_else(|_| ReceiptCode::generate());
        ReceiptDigest(serde_json::to_string(&ReceiptHash::new(&code)).unwrap_or_default())
    }

    fn receipt_matches(&self, stored: &ReceiptDigest, receipt_code: &str) -> bool {
        digest_matches(stored, receipt_code)
    }

    fn accepts_receipt_code(&self, receipt_code: &str) -> bool {
        ReceiptCode::parse(receipt_code).is_ok()
    }
}

/// Whether a code as typed matches a stored digest (salted hash; no secret needed).
pub fn digest_matches(stored: &ReceiptDigest, receipt_code: &str) -> bool {
    let (Ok(code), Ok(hash)) = (
        ReceiptCode::parse(receipt_code),
        serde_json::from_str::<ReceiptHash>(&stored.0),
    ) else {
        return false;
    };
    hash.verify(&code)
}
