//! Fork safety: a parent and its forked child must never draw the same bytes, with the engine
//! active and with OpenSSL's built-in DRBG. One test function in its own binary, so no other test
//! thread holds an OpenSSL lock at the moment of `fork()`.

use std::io::Read;
use std::os::fd::FromRawFd;

#[cfg(unix)]
fn draw_in_parent_and_child(len: usize) -> (Vec<u8>, Vec<u8>) {
    let mut fds = [0; 2];
    // SAFETY: pipe() fills two descriptors.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: the child only draws, writes to the pipe and calls _exit.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    let mut buf = vec![0u8; len];
    if pid == 0 {
        let ok = openssl::rand::rand_bytes(&mut buf).is_ok();
        // SAFETY: writes our own buffer to our own pipe, then exits without unwinding.
        unsafe {
            if ok {
                libc::write(fds[1], buf.as_ptr().cast(), buf.len());
            }
            libc::_exit(if ok { 0 } else { 1 });
        }
    }
    // SAFETY: closing the write end we own in the parent.
    unsafe { libc::close(fds[1]) };
    openssl::rand::rand_bytes(&mut buf).expect("parent draw");
    let mut from_child = Vec::new();
    // SAFETY: the read end is ours and is closed when the File drops.
    let mut reader = unsafe { std::fs::File::from_raw_fd(fds[0]) };
    reader.read_to_end(&mut from_child).unwrap();
    let mut status = 0;
    // SAFETY: waits for the child we forked.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child draw failed"
    );
    (buf, from_child)
}

#[cfg(unix)]
#[test]
fn parent_and_forked_child_draw_different_bytes() {
    osrandom::install().unwrap();

    osrandom::activate().unwrap();
    let (parent, child) = draw_in_parent_and_child(64);
    assert_eq!(child.len(), 64);
    assert_ne!(parent, child, "engine active: parent and child differ");

    osrandom::activate_builtin().unwrap();
    let mut prime = [0u8; 16];
    openssl::rand::rand_bytes(&mut prime).unwrap(); // the DRBG is seeded before the fork
    let (parent, child) = draw_in_parent_and_child(64);
    assert_eq!(child.len(), 64);
    assert_ne!(parent, child, "built-in DRBG: parent and child differ");
    osrandom::activate().unwrap();
}
