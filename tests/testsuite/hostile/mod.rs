//! The hostile-input suite: what an attacker or an unlucky user sends must neither crash
//! nor freeze circlekit, nor make it publish or answer what it should not.

mod server;
