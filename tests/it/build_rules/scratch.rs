//! A copy of the crate, edited as a maintainer would and built with `cargo build --offline`
//! in the suite's own target directory, profile and features (every dependency is reused and
//! only the copy compiles): what the scratch-copy tests share.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A copy of the crate's build inputs under the suite's temporary directory.
pub struct Copy {
    pub dir: PathBuf,
    /// Its package name: another than the crate's, since the same name and version would
    /// share the suite's own build-script output (cargo hashes a path package relative to its
    /// workspace) and overwrite it.
    package: String,
    examples: Vec<String>,
}

/// What the copy's `cargo build` said.
pub struct Built {
    messages: Vec<Value>,
    package: String,
}

impl Copy {
    /// `Cargo.lock`, `build.rs`, `build/`, `specs/` and `src/` as committed, and the manifest
    /// without the targets whose files are not copied, nor the workspace and the bench's peer
    /// (`benches/peer/`), in a workspace of its own.
    pub fn new(name: &str) -> Copy {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["Cargo.lock", "build.rs"] {
            std::fs::copy(source.join(file), dir.join(file)).unwrap();
        }
        for sub in ["build", "specs", "src"] {
            copy_tree(&source.join(sub), &dir.join(sub));
        }
        let manifest = std::fs::read_to_string(source.join("Cargo.toml")).unwrap();
        let mut kept = Vec::new();
        let mut skipping = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                skipping = ["[[example]]", "[[bench]]", "[workspace]"].contains(&line);
            }
            if !skipping && !line.contains("path = \"benches/") {
                kept.push(line);
            }
        }
        let package = format!("customer-apis-{name}");
        // The binary too: cargo copies it to the shared target's `debug/<name>`, where the
        // suite's own CLI is.
        let manifest = format!("{}\n[workspace]\n", kept.join("\n"))
            .replacen(
                "name = \"customer-apis\"",
                &format!("name = \"{package}\""),
                1,
            )
            .replacen(
                "name = \"customer-apis\"\npath = \"src/bin/",
                &format!("name = \"{package}\"\npath = \"src/bin/"),
                1,
            );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        Copy {
            dir,
            package,
            examples: Vec::new(),
        }
    }

    /// The copy's manifest, edited.
    pub fn edit_manifest(&self, edit: impl FnOnce(String) -> String) {
        let path = self.dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(manifest)).unwrap();
    }

    /// An example program built with the copy (`examples/<name>.rs`).
    pub fn example(&mut self, name: &str, source: &str) {
        std::fs::create_dir_all(self.dir.join("examples")).unwrap();
        std::fs::write(self.dir.join(format!("examples/{name}.rs")), source).unwrap();
        self.edit_manifest(|m| format!("{m}\n[[example]]\nname = \"{name}\"\n"));
        self.examples.push(name.to_owned());
    }

    /// `cargo build --offline` of the copy's examples (and its CLI with `cli`) with the suite's
    /// features and `extra` ones; panics with cargo's output if it fails.
    pub async fn build(&self, extra: &[&str]) -> Built {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let target: PathBuf = tmp.parent().unwrap().to_owned();
        let mut features: Vec<&str> = [
            ("cro", cfg!(feature = "cro")),
            ("pdm", cfg!(feature = "pdm")),
            ("foxtrot", cfg!(feature = "foxtrot")),
            ("rustls", cfg!(feature = "rustls")),
            ("native-tls", cfg!(feature = "native-tls")),
            ("sandbox", cfg!(feature = "sandbox")),
            ("cli", cfg!(feature = "cli")),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect();
        features.extend(extra);
        let mut args = vec![
            "build".to_owned(),
            "--offline".to_owned(),
            "--no-default-features".to_owned(),
            format!("--features={}", features.join(",")),
            "--message-format=json".to_owned(),
        ];
        args.extend(self.examples.iter().map(|e| format!("--example={e}")));
        if !cfg!(debug_assertions) {
            args.push("--release".to_owned());
        }
        if cfg!(feature = "cli") {
            args.push(format!("--bin={}", self.package));
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let started = std::time::Instant::now();
        let dir = self.dir.clone();
        let out = tokio::task::spawn_blocking(move || {
            Command::new(cargo)
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", &target)
                .args(&args)
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        eprintln!("cargo build of the copy took {:?}", started.elapsed());
        let messages: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect();
        let errors = messages
            .iter()
            .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error")
            .filter_map(|m| m["message"]["rendered"].as_str());
        assert!(
            out.status.success(),
            "cargo build failed:\n{}\n{}",
            errors.collect::<String>(),
            String::from_utf8_lossy(&out.stderr)
        );
        Built {
            messages,
            package: self.package.clone(),
        }
    }
}

impl Built {
    /// The copy's build-script output directory.
    pub fn out_dir(&self) -> PathBuf {
        self.messages
            .iter()
            .find(|m| m["reason"] == "build-script-executed" && self.ours(m))
            .and_then(|m| m["out_dir"].as_str().map(PathBuf::from))
            .expect("the copy's build script ran")
    }

    /// The copy's command-line tool (built with the feature `cli`).
    #[cfg(feature = "cli")]
    pub fn cli(&self) -> PathBuf {
        self.executable(&self.package.clone())
    }

    /// The executable of the copy's target `name` (an example, or its CLI).
    pub fn executable(&self, name: &str) -> PathBuf {
        self.messages
            .iter()
            .find(|m| {
                m["reason"] == "compiler-artifact" && m["target"]["name"] == name && self.ours(m)
            })
            .and_then(|m| m["executable"].as_str().map(PathBuf::from))
            .unwrap_or_else(|| panic!("{name} was built"))
    }

    fn ours(&self, message: &Value) -> bool {
        let id = message["package_id"].as_str().unwrap_or_default();
        id.contains(&self.package)
    }
}

/// Runs an executable to its end, off the async runtime.
pub async fn run(command: Command) -> std::process::Output {
    let mut command = command;
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

/// The copy's CLI serving `customer-apis sandbox` on a free loopback port, until dropped.
#[cfg(feature = "cli")]
pub struct SandboxProcess {
    child: std::process::Child,
    pub base_url: String,
}

#[cfg(feature = "cli")]
impl SandboxProcess {
    pub fn start(cli: &Path) -> SandboxProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(cli)
            .args(["sandbox", "--port", &port.to_string()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let listening = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(listening, "the copy's sandbox did not listen");
        SandboxProcess {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        }
    }
}

#[cfg(feature = "cli")]
impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The files of `b` that differ from `a`'s or are not in `a` (relative paths), and those of `a`
/// that `b` lacks, sorted.
pub fn changed_files(a: &Path, b: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_owned());
            }
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    walk(a, a, &mut left);
    walk(b, b, &mut right);
    let mut changed: Vec<PathBuf> = right
        .iter()
        .filter(|p| std::fs::read(a.join(p)).ok() != std::fs::read(b.join(p)).ok())
        .chain(left.iter().filter(|p| !b.join(p).exists()))
        .cloned()
        .collect();
    changed.sort();
    changed.dedup();
    changed
}
