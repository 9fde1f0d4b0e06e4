import { describe, expect, it } from "vitest";
import { dnsQuery as query, readAnswer } from "../../../../tests/support/dns";
import { answer, parseQuery, RecordType, ResponseCode } from "./dns-message";

describe("parseQuery and answer", () => {
  it("answers a question with A records after it, pointing at the question's name", () => {
    const asked = parseQuery(query("Web.App", RecordType.A))!;
    expect(asked).toMatchObject({ id: 0x1234, name: "web.app", type: RecordType.A });
    const reply = answer(asked, ResponseCode.NoError, ["172.18.0.2", "172.18.0.3"]);
    const view = new DataView(reply.buffer);
    expect([view.getUint16(0), view.getUint16(2), view.getUint16(4), view.getUint16(6), view.getUint16(8), view.getUint16(10)]).toEqual([0x1234, 0x8180, 1, 2, 0, 0]);
    const first = 12 + asked.question.length;
    expect([...reply.subarray(first, first + 16)]).toEqual([0xc0, 12, 0, 1, 0, 1, 0, 0, 0x02, 0x58, 0, 4, 172, 18, 0, 2]);
    expect([...reply.subarray(first + 28)]).toEqual([172, 18, 0, 3]);
    expect(readAnswer(reply)).toEqual({ code: 0, addresses: ["172.18.0.2", "172.18.0.3"] });
  });

  it("says NXDOMAIN with no records, and FORMERR for a question it cannot read", () => {
    const nx = answer(parseQuery(query("nothere", RecordType.AAAA))!, ResponseCode.NxDomain, ["1.2.3.4"]);
    expect(new DataView(nx.buffer).getUint16(2) & 0xf).toBe(3);
    expect(new DataView(nx.buffer).getUint16(6)).toBe(0);
    const truncated = parseQuery(query("web", RecordType.A).subarray(0, 16))!;
    expect(truncated.name).toBe("");
    const formerr = answer(truncated, ResponseCode.FormErr);
    expect(formerr.length).toBe(12);
    expect(new DataView(formerr.buffer).getUint16(2) & 0xf).toBe(1);
  });

  it("does not answer a response, nor a datagram too short for a header", () => {
    const response = query("web", RecordType.A);
    response[2] = 0x81;
    expect(parseQuery(response)).toBeUndefined();
    expect(parseQuery(new Uint8Array(5))).toBeUndefined();
  });
});
