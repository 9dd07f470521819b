import type { LookupAddress } from "node:dns";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { internalKindOf } from "@/lib/net/address-kind";
import {
  createOutboundAgent,
  OutboundRefusedError,
  outboundFetch,
  outboundUrlProblem,
  parseAllowList,
  type Resolve,
  refusalOf,
} from "@/lib/net/outbound-guard";

// Which addresses count as inside the network, how the operator's allowance reads, and
// that the address checked is the address connected to (a name that resolves to a public
// address when saved and to loopback when called is refused at the call).

describe("internalKindOf", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd00:ec2::254", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["198.18.0.1", "reserved"],
    // IPv6 forms carrying an IPv4 address are judged by it
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:10.0.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::169.254.169.254", "link-local"],
    ["2002:c0a8:0101::1", "private"],
  ])("%s is %s", (ip, kind) => {
    expect(internalKindOf(ip)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "169.255.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "2002:0808:0808::1",
    "not-an-ip",
    "example.com",
  ])("%s is not internal", (ip) => {
    expect(internalKindOf(ip)).toBeNull();
  });
});

describe("the allowance (CROSSDOCK_ALLOWED_PRIVATE_HOSTS)", () => {
  const allow = parseAllowList("ERP.internal., 127.0.0.1 10.20.0.0/16,[fd00::1], fd12::/16");

  it("allows listed names whatever they resolve to, listed IPs (also IPv4-mapped) and addresses in listed CIDRs", () => {
    expect(refusalOf("erp.internal", ["10.9.9.9"], allow)).toBeNull();
    expect(refusalOf("127.0.0.1", ["127.0.0.1"], allow)).toBeNull();
    expect(refusalOf("::ffff:127.0.0.1", ["::ffff:127.0.0.1"], allow)).toBeNull();
    expect(refusalOf("db.internal", ["10.20.3.4"], allow)).toBeNull();
    expect(refusalOf("fd00::1", ["fd00:0:0::1"], allow)).toBeNull();
    expect(refusalOf("fd12:1::5", ["fd12:1::5"], allow)).toBeNull();
  });

  it("refuses what it does not list, naming the address and its kind", () => {
    expect(refusalOf("127.0.0.2", ["127.0.0.2"], allow)).toMatch(
      /^127\.0\.0\.2 is a loopback address; .*CROSSDOCK_ALLOWED_PRIVATE_HOSTS/,
    );
    expect(refusalOf("10.21.0.1", ["10.21.0.1"], allow)).toMatch(/^10\.21\.0\.1 is a private address/);
    expect(refusalOf("fd13::1", ["fd13::1"], allow)).toMatch(/^fd13::1 is a unique-local address/);
    // one internal address among public ones refuses the name
    expect(refusalOf("mixed.example", ["93.184.215.14", "169.254.169.254"], allow)).toMatch(
      /^mixed\.example resolves to 169\.254\.169\.254, a link-local address/,
    );
    expect(refusalOf("public.example", ["93.184.215.14", "2606:4700::1111"], allow)).toBeNull();
  });

  it("an invalid CIDR stops start-up with the variable's name", () => {
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(
      /CROSSDOCK_ALLOWED_PRIVATE_HOSTS: '10.0.0.0\/33' is not a valid CIDR/,
    );
    expect(() => parseAllowList("erp/8")).toThrow(/not a valid CIDR/);
  });
});

describe("the address connected to is the address checked", () => {
  // A resolver under the test's control: each call answers the next address.
  function resolverOf(...answers: string[]): Resolve & { calls: number } {
    const resolve = async (): Promise<LookupAddress[]> => {
      const address = answers[Math.min(resolve.calls++, answers.length - 1)]!;
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    };
    resolve.calls = 0;
    return resolve;
  }

  async function withServer(host: string, test: (port: number, hosts: string[]) => Promise<void>): Promise<void> {
    const hosts: string[] = [];
    const server = createServer((req, res) => {
      hosts.push(req.headers.host ?? "");
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    try {
      await test((server.address() as AddressInfo).port, hosts);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("DNS rebinding: public when saved, loopback when called - refused at the call, nothing arrives", async () => {
    await withServer("127.0.0.1", async (port, hosts) => {
      const allow = parseAllowList("");
      const resolve = resolverOf("93.184.215.14", "127.0.0.1");
      expect(await outboundUrlProblem(`http://rebind.example:${port}/`, allow, resolve)).toBeNull();
      const agent = createOutboundAgent(allow, resolve);
      try {
        const error = await outboundFetch(`http://rebind.example:${port}/`, {}, agent).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OutboundRefusedError);
        expect((error as Error).message).toMatch(/^rebind\.example resolves to 127\.0\.0\.1, a loopback address/);
        expect(hosts).toEqual([]);
      } finally {
        await agent.close();
      }
    });
  });

  it("a name resolved to an allowed address connects to that address, with the name as Host", async () => {
    await withServer("127.0.0.2", async (port, hosts) => {
      const agent = createOutboundAgent(parseAllowList("127.0.0.2"), resolverOf("127.0.0.2"));
      try {
        const res = await outboundFetch(`http://erp.example:${port}/`, {}, agent);
        expect(await res.text()).toBe("ok");
        expect(hosts).toEqual([`erp.example:${port}`]);
      } finally {
        await agent.close();
      }
    });
  });

  it("an IP literal is checked too (sockets do not look it up)", async () => {
    const agent = createOutboundAgent(parseAllowList(""), resolverOf("93.184.215.14"));
    try {
      await expect(outboundFetch("http://[::1]:8080/", {}, agent)).rejects.toThrow(/^::1 is a loopback address/);
      await expect(outboundFetch("http://2130706433:8080/", {}, agent)).rejects.toThrow(
        /^127\.0\.0\.1 is a loopback address/,
      );
    } finally {
      await agent.close();
    }
  });
});
