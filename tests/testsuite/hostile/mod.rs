//! Hostile and unlucky input: what an attacker or an unlucky author could feed circlekit
//! (crafted requests to `serve`, links out of the site, builds that meet, output folders
//! that cannot be moved, inputs past every limit), and the clear errors (never a crash, a
//! hang or a false alarm) that come back.

#[cfg(unix)]
mod fs;
#[cfg(unix)]
mod io;
mod limits;
mod server;
