"""Build small WARC files for tests (our own synthetic records)."""
import io


def make_warc(records, gzip: bool = True) -> bytes:
    """A WARC of ``(url, content_type, body)`` HTTP responses, gzipped per record by default."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()
