//! Hostile and unlucky input: what an attacker or an unlucky author could feed circlekit,
//! and the clear errors (never a crash, a hang or a false alarm) that come back.

mod limits;
