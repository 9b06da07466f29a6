from __future__ import annotations

from digest.channels import DeliveryContext, Outgoing, open_channel


def item(text="hello"):
    return Outgoing(
        "2026-W47/delta", "s", text, f"<p>{text}</p>", b"raw", "a@example.com", ("b@example.com",)
    )


def test_the_outbox_writes_html_text_and_eml_and_a_rewrite_replaces_them(tmp_path):
    channel = open_channel("outbox", DeliveryContext(outbox=tmp_path))
    assert channel is not None

    channel.send(item("first"))
    channel.send(item("second"))

    assert (tmp_path / "2026-W47" / "delta.txt").read_text() == "second"
    assert sorted(p.name for p in (tmp_path / "2026-W47").iterdir()) == [
        "delta.eml",
        "delta.html",
        "delta.txt",
    ]
