"""The analysts' editor: validated like `rivalradar validate`, written atomically, comments kept."""

from __future__ import annotations

from radar.config.edit import version_of
from radar.config.loader import load_config


def version(web) -> str:
    return version_of(web.config.read_text(encoding="utf-8"))


def add_source_form(web, **fields: str):
    data = {
        "csrf": web.csrf(),
        "version": version(web),
        "kind": "feed",
        "about": "orbitnet",
        **fields,
    }
    return web.client.post("/editor/sources", data=data, follow_redirects=False)


def test_only_analysts_open_the_editor(web):
    web.sign_in("max@example.com")

    assert web.client.get("/editor").status_code == 403


def test_an_invalid_source_is_refused_with_its_problem_shown_and_nothing_written(web):
    web.sign_in("ana@example.com")
    before = web.config.read_bytes()

    answer = add_source_form(web, id="orbitnet-feed", url="not a url", every="5s")

    assert answer.status_code == 422
    assert "Nothing was saved" in answer.text
    assert "sources[7].url: &#39;not a url&#39; is not a web address" in answer.text
    assert str(web.config) not in answer.text  # the server's own paths are not shown
    assert 'value="orbitnet-feed"' in answer.text  # what was typed is still in the form
    assert web.config.read_bytes() == before


def test_a_valid_source_is_saved_with_every_comment_kept_and_the_old_file_kept(web):
    web.sign_in("ana@example.com")
    before = web.config.read_text()

    answer = add_source_form(
        web,
        id="orbitnet-feed",
        url="https://orbitnet.example/feed.xml",
        every="2h",
        options="# the press office's own feed\n",
    )

    assert answer.status_code == 303 and answer.headers["location"] == "/editor?saved=orbitnet-feed"
    after = web.config.read_text()
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert all(comment in after for comment in comments)
    assert web.config.with_name("sources.yaml.bak").read_text() == before
    spec = load_config(web.config).source("orbitnet-feed")
    assert spec is not None and spec.every_s == 7200
    assert after.index("id: orbitnet-feed") < after.index("# Alerts:")


def test_editing_an_account_keeps_its_hand_made_fields(web):
    web.sign_in("ana@example.com")
    page = web.client.get("/editor/accounts/meridian-airways").text
    assert 'value="Helen Marsh, Tomasz Brandt"' in page

    data = {
        "csrf": web.csrf(),
        "version": version(web),
        "name": "Meridian Airways",
        "owner": "new.owner@example.com",
        "aliases": "Meridian",
        "industry": "aviation",
        "timezone": "America/New_York",
        "keywords": "in-flight wifi",
        "competitors": "orbitnet, skylane, nimbus",
        "value": "2,500,000",
        "renewal": "2027-06-30",
        "stakeholders": "Helen Marsh",
        "priority": "high",
        "cc": "",
    }
    answer = web.client.post("/editor/accounts/meridian-airways", data=data, follow_redirects=False)

    assert answer.status_code == 303, answer.text
    account = load_config(web.config).model.accounts[0]
    assert str(account.owner) == "new.owner@example.com" and account.value == 2_500_000
    assert account.competitors == ["orbitnet", "skylane", "nimbus"]
    assert "# Aliases are matched as whole names" in web.config.read_text()


def test_removing_a_source_keeps_the_comments_that_follow_it(web):
    web.sign_in("ana@example.com")

    answer = web.client.post(
        "/editor/sources/meridian-newsroom/remove",
        data={"csrf": web.csrf(), "version": version(web)},
        follow_redirects=False,
    )

    assert answer.status_code == 303
    text = web.config.read_text()
    assert "meridian-newsroom" not in text and "# - id: orbitnet-news" in text


def test_a_form_without_the_session_token_is_refused(web):
    web.sign_in("ana@example.com")
    before = web.config.read_bytes()

    answer = web.client.post(
        "/editor/sources",
        data={"id": "x", "kind": "feed", "about": "orbitnet", "url": "https://x.example/feed"},
    )

    assert answer.status_code == 403
    assert web.config.read_bytes() == before


def test_an_edit_is_refused_while_a_notify_url_points_at_a_private_address(web):
    text = web.config.read_text()
    text = text.replace("  allow_private_networks: true", "  allow_private_networks: false")
    web.config.write_text(text.replace("  notify: []", '  notify: ["json://169.254.169.254/x"]'))
    web.sign_in("ana@example.com")
    before = web.config.read_bytes()

    answer = add_source_form(web, id="orbitnet-feed", url="https://orbitnet.example/feed.xml")

    assert answer.status_code == 422
    assert "alerts.notify[0]: refused: 169.254.169.254 is a private address" in answer.text
    assert web.config.read_bytes() == before


def test_removing_asks_first_and_only_the_confirmation_removes(web):
    web.sign_in("ana@example.com")
    before = web.config.read_bytes()

    editor = web.client.get("/editor").text
    question = web.client.get("/editor/sources/travel-wire/remove")

    assert 'href="/editor/sources/travel-wire/remove"' in editor
    assert 'action="/editor/sources/travel-wire/remove"' not in editor  # no one-click removal
    assert question.status_code == 200 and "Remove the source Travel Wire?" in question.text
    assert '<a href="/editor">← Back to the editor</a>' in question.text
    assert web.config.read_bytes() == before


def test_an_account_can_be_removed_and_one_still_named_by_a_source_is_refused_clearly(web):
    web.sign_in("ana@example.com")

    def remove(account_id: str):
        data = {"csrf": web.csrf(), "version": version(web)}
        url = f"/editor/accounts/{account_id}/remove"
        return web.client.post(url, data=data, follow_redirects=False)

    refused = remove("meridian-airways")  # the meridian-newsroom source is about it
    removed = remove("pinewood-rail")

    assert refused.status_code == 422 and "Nothing was removed" in refused.text
    assert "about" in refused.text and str(web.config) not in refused.text
    assert removed.status_code == 303, removed.text
    assert [a.id for a in load_config(web.config).model.accounts] == [
        "meridian-airways",
        "coastline-cruises",
    ]


def test_the_edit_pages_lead_back_to_the_editor(web):
    web.sign_in("ana@example.com")

    for path in ("/editor/sources/travel-wire", "/editor/accounts/meridian-airways"):
        assert '<a href="/editor">← Back to the editor</a>' in web.client.get(path).text


def test_options_with_a_yaml_mistake_get_one_line_naming_the_line(web):
    web.sign_in("ana@example.com")

    answer = add_source_form(
        web,
        id="orbitnet-site",
        kind="site",
        url="https://orbitnet.example/news/",
        options="depth: 2\ninclude: [/news/\n",
    )

    assert answer.status_code == 422
    assert "options: line 3: not valid YAML: expected &#39;,&#39; or &#39;]&#39;" in answer.text
    assert "in &quot;&lt;unicode string&gt;&quot;" not in answer.text  # no parser dump


def test_comments_typed_in_the_options_reach_the_file_and_come_back_to_the_box(web):
    web.sign_in("ana@example.com")

    answer = add_source_form(
        web,
        id="orbitnet-site",
        kind="site",
        url="https://orbitnet.example/news/",
        options="depth: 3  # their newsroom nests articles deeply\n",
    )
    page = web.client.get("/editor/sources/orbitnet-site").text

    assert answer.status_code == 303, answer.text
    assert "depth: 3 # their newsroom nests articles deeply" in web.config.read_text()
    box = page.split('name="options"')[1].split("</textarea>")[0]
    assert box.split(">", 1)[1].split() == [
        "depth:",
        "3",
        "#",
        "their",
        "newsroom",
        "nests",
        "articles",
        "deeply",
    ]


def test_an_editor_form_without_the_config_version_is_refused(web):
    web.sign_in("ana@example.com")
    before = web.config.read_bytes()

    for version_field in ({}, {"version": ""}):
        answer = web.client.post(
            "/editor/sources/meridian-newsroom/remove",
            data={"csrf": web.csrf(), **version_field},
            follow_redirects=False,
        )
        assert answer.status_code == 428
        assert "reload the editor" in answer.text

    assert web.config.read_bytes() == before


def test_every_editor_form_sends_the_config_version(web):
    web.sign_in("ana@example.com")
    current = f'name="version" value="{version(web)}"'

    for path in ("/editor", "/editor/sources/meridian-newsroom", "/editor/accounts/new"):
        page = web.client.get(path).text
        assert page.count("<form") == page.count(current) + page.count('action="/logout"'), path
