"""``customer-room review``: the pages a privacy officer reads before a clip is published, served
on 127.0.0.1 only and never into the site, and the approvals they record."""
