//! Makes sled's writes power-safe. sled 0.34's `flush()` ends in `sync_file_range`, which
//! survives a process crash but persists neither file metadata nor the drive's write cache.
//! After each flush we `fdatasync` sled's log file and any blob files it created since, and
//! `fsync` the directories whose entries changed.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Owns open handles to sled's files for syncing.
pub(crate) struct Syncer {
    log: File,
    blobs_dir: PathBuf,
    synced_blobs: HashSet<std::ffi::OsString>,
}

impl Syncer {
    pub(crate) fn new(path: &Path) -> io::Result<Self> {
        let log = File::open(path.join("db"))?;
        // The files sled created at open (db, conf, blobs/) must be reachable after a power cut.
        File::open(path)?.sync_all()?;
        if let Some(parent) = path.parent() {
            if let Ok(dir) = File::open(parent) {
                dir.sync_all()?;
            }
        }
        Ok(Syncer {
            log,
            blobs_dir: path.join("blobs"),
            synced_blobs: HashSet::new(),
        })
    }

    /// fdatasync of everything sled has flushed.
    pub(crate) fn sync(&mut self) -> io::Result<()> {
        self.log.sync_data()?;
        self.sync_new_blobs()
    }

    /// Large values live in their own files under `blobs/`; sync the ones we have not seen.
    fn sync_new_blobs(&mut self) -> io::Result<()> {
        let entries = match std::fs::read_dir(&self.blobs_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        let mut present = HashSet::new();
        let mut new_files = false;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            if !self.synced_blobs.contains(&name) {
                match File::open(entry.path()) {
                    Ok(f) => f.sync_data()?,
                    // Garbage-collected between listing and opening: nothing to keep.
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                }
                new_files = true;
            }
            present.insert(name);
        }
        if new_files {
            File::open(&self.blobs_dir)?.sync_all()?;
        }
        self.synced_blobs = present;
        Ok(())
    }
}
