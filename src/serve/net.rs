//! The addresses of this computer on the local network, printed by
//! `chibo serve -i 0.0.0.0` so colleagues know what to open.

use std::net::IpAddr;

/// IPv4 addresses of the network interfaces that are up, loopback and
/// link-local left out, in the system's order.
#[cfg(unix)]
pub fn lan_addresses() -> Vec<IpAddr> {
    let mut out = Vec::new();
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `list` with a linked list that stays valid
    // until freeifaddrs; each node is read only, and only while valid.
    unsafe {
        if libc::getifaddrs(&mut list) != 0 {
            return out;
        }
        let mut node = list;
        while !node.is_null() {
            let ifa = &*node;
            let up = ifa.ifa_flags & (libc::IFF_UP as libc::c_uint) != 0;
            if up
                && !ifa.ifa_addr.is_null()
                && i32::from((*ifa.ifa_addr).sa_family) == libc::AF_INET
            {
                let sin = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                let ip = std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
                if !ip.is_loopback() && !ip.is_link_local() && !ip.is_unspecified() {
                    out.push(IpAddr::V4(ip));
                }
            }
            node = ifa.ifa_next;
        }
        libc::freeifaddrs(list);
    }
    out.dedup();
    out
}

#[cfg(not(unix))]
pub fn lan_addresses() -> Vec<IpAddr> {
    Vec::new()
}
