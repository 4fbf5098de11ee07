//! The `customer-apis` command-line tool (work in progress).
fn main() {
    eprintln!("not yet implemented");
    std::process::exit(2);
}
