//! `sqlx::migrate!` embeds the migrations at compile time; rebuild this crate when one is added
//! or changed, or a new migration would silently be left out of the binary.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
