//! Which addresses the server may connect to when a user gives it a URL (an avatar's, say):
//! only the public internet. Loopback, private, link-local (the cloud metadata endpoint
//! 169.254.169.254 among them), shared, multicast, documentation, unique-local and the other
//! special-purpose ranges (IANA's registries) are refused, in IPv4, IPv6, and IPv4 inside IPv6.
//! The server's `outbound` module requests such a URL with the check applied to every address
//! it connects to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is refused, for the log; users are told only "address not allowed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    SharedOrReserved,
    Multicast,
    Documentation,
    UniqueLocal,
}

/// `Ok` for an address on the public internet.
pub fn check(ip: IpAddr) -> Result<(), Refusal> {
    match ip {
        IpAddr::V4(v4) => check_v4(v4),
        IpAddr::V6(v6) => check_v6(v6),
    }
}

pub fn is_public(ip: IpAddr) -> bool {
    check(ip).is_ok()
}

fn check_v4(ip: Ipv4Addr) -> Result<(), Refusal> {
    let [a, b, c, _] = ip.octets();
    let refusal = match (a, b, c) {
        (0, _, _) => Refusal::Unspecified,     // 0.0.0.0/8 "this network"
        (127, _, _) => Refusal::Loopback,      // 127.0.0.0/8
        (10, _, _) => Refusal::Private,        // 10.0.0.0/8
        (172, 16..=31, _) => Refusal::Private, // 172.16.0.0/12
        (192, 168, _) => Refusal::Private,     // 192.168.0.0/16
        (169, 254, _) => Refusal::LinkLocal,   // 169.254.0.0/16, cloud metadata
        (168, 63, 129) if ip.octets()[3] == 16 => Refusal::LinkLocal, // Azure's host endpoint (WireServer)
        (100, 64..=127, _) => Refusal::SharedOrReserved, // 100.64.0.0/10 carrier-grade NAT
        (192, 0, 0) => Refusal::SharedOrReserved, // 192.0.0.0/24 IETF protocol assignments
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Refusal::Documentation,
        (198, 18..=19, _) => Refusal::SharedOrReserved, // 198.18.0.0/15 benchmarking
        (192, 88, 99) => Refusal::SharedOrReserved,     // 6to4 relay anycast
        (224..=239, _, _) => Refusal::Multicast,        // 224.0.0.0/4
        (240..=255, _, _) => Refusal::SharedOrReserved, // 240.0.0.0/4 and broadcast
        _ => return Ok(()),
    };
    Err(refusal)
}

fn check_v6(ip: Ipv6Addr) -> Result<(), Refusal> {
    if ip.is_unspecified() {
        return Err(Refusal::Unspecified);
    }
    if ip.is_loopback() {
        return Err(Refusal::Loopback);
    }
    // IPv4 inside IPv6 is judged as the IPv4 address it carries.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return check_v4(v4);
    }
    let s = ip.segments();
    match s {
        // ::/96 IPv4-compatible (deprecated) and ::ffff:0:0:0/96 IPv4-translated.
        [0, 0, 0, 0, 0, 0, _, _] | [0, 0, 0, 0, 0xffff, 0, _, _] => return Err(Refusal::SharedOrReserved),
        // 64:ff9b::/96 NAT64 carries an IPv4 address too.
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => {
            return check_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
        }
        _ => {}
    }
    let first = s[0];
    if first & 0xfe00 == 0xfc00 {
        return Err(Refusal::UniqueLocal); // fc00::/7, fd00::/8 among it
    }
    if first & 0xffc0 == 0xfe80 || first & 0xffc0 == 0xfec0 {
        return Err(Refusal::LinkLocal); // fe80::/10, and the old site-local fec0::/10
    }
    if first & 0xff00 == 0xff00 {
        return Err(Refusal::Multicast); // ff00::/8
    }
    if first == 0x2001 && s[1] == 0x0db8 || first == 0x3fff && s[1] & 0xf000 == 0 {
        return Err(Refusal::Documentation); // 2001:db8::/32, 3fff::/20
    }
    if first == 0x2001 && s[1] < 0x0200 {
        return Err(Refusal::SharedOrReserved); // 2001::/23 IETF protocol assignments (Teredo...)
    }
    if first == 0x2002 || first == 0x0100 && s[1..4] == [0, 0, 0] {
        return Err(Refusal::SharedOrReserved); // 6to4 2002::/16, discard-only 100::/64
    }
    if first & 0xe000 != 0x2000 {
        return Err(Refusal::SharedOrReserved); // outside 2000::/3, the global unicast space
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn every_special_range_is_refused_with_its_reason() {
        let refused = [
            ("0.0.0.0", Refusal::Unspecified),
            ("0.1.2.3", Refusal::Unspecified),
            ("127.0.0.1", Refusal::Loopback),
            ("127.0.0.2", Refusal::Loopback),
            ("127.255.255.255", Refusal::Loopback),
            ("10.0.0.1", Refusal::Private),
            ("172.16.0.1", Refusal::Private),
            ("172.31.255.254", Refusal::Private),
            ("192.168.1.1", Refusal::Private),
            ("169.254.169.254", Refusal::LinkLocal),
            ("169.254.0.1", Refusal::LinkLocal),
            ("168.63.129.16", Refusal::LinkLocal),
            ("100.64.0.1", Refusal::SharedOrReserved),
            ("100.127.255.255", Refusal::SharedOrReserved),
            ("192.0.0.8", Refusal::SharedOrReserved),
            ("192.0.2.1", Refusal::Documentation),
            ("198.51.100.7", Refusal::Documentation),
            ("203.0.113.9", Refusal::Documentation),
            ("198.18.0.1", Refusal::SharedOrReserved),
            ("224.0.0.1", Refusal::Multicast),
            ("239.255.255.250", Refusal::Multicast),
            ("240.0.0.1", Refusal::SharedOrReserved),
            ("255.255.255.255", Refusal::SharedOrReserved),
            ("::", Refusal::Unspecified),
            ("::1", Refusal::Loopback),
            ("::ffff:127.0.0.1", Refusal::Loopback),
            ("::ffff:169.254.169.254", Refusal::LinkLocal),
            ("::ffff:10.1.2.3", Refusal::Private),
            ("::127.0.0.1", Refusal::SharedOrReserved),
            ("64:ff9b::a9fe:a9fe", Refusal::LinkLocal),
            ("64:ff9b::7f00:1", Refusal::Loopback),
            ("fc00::1", Refusal::UniqueLocal),
            ("fd00::1", Refusal::UniqueLocal),
            ("fd12:3456:789a::1", Refusal::UniqueLocal),
            ("fe80::1", Refusal::LinkLocal),
            ("fec0::1", Refusal::LinkLocal),
            ("ff02::1", Refusal::Multicast),
            ("2001:db8::1", Refusal::Documentation),
            ("3fff::1", Refusal::Documentation),
            ("2001::1", Refusal::SharedOrReserved),
            ("2002:7f00:1::", Refusal::SharedOrReserved),
            ("100::1", Refusal::SharedOrReserved),
            ("4000::1", Refusal::SharedOrReserved),
        ];
        for (addr, why) in refused {
            assert_eq!(check(ip(addr)), Err(why), "{addr}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for addr in [
            "1.1.1.1",
            "8.8.8.8",
            "93.184.215.14",
            "172.15.255.255",
            "172.32.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "169.253.255.255",
            "223.255.255.255",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
        ] {
            assert!(is_public(ip(addr)), "{addr}");
        }
    }
}
