"""The production-shaped run, step by step (`make e2e`; README, "Production").

The steps run in this order and build on each other (the run stops at the
first failure): the stack starts from its environment alone, a partner signs
up and registers in Chromium, staff approve, the shop owner consents, the
partner's default app calls the Open API, and then gunicorn and the Celery
worker are stopped with SIGTERM in the middle of traffic and started again.
Every check looks from outside: HTTPS responses, the messages the SMTP server
received, the objects in the bucket, rows in PostgreSQL.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import re
import signal
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import requests
import yaml
from standardwebhooks import Webhook

from e2e.conftest import Journey, new_page
from e2e.mailbox import read_messages, received_with
from e2e.stack import BUCKET, ROOT, Stack
from e2e.traffic import Traffic, queue_emails, summary
from webhooks.tests.receiver import receiver

PDF_DIR = ROOT / "registration" / "tests" / "fixtures" / "pdf"
CERTIFICATE = PDF_DIR / "valid_certificate.pdf"
PROFILE = PDF_DIR / "valid_company_profile.pdf"
STAFF = ("staff@example.com", "staff-demo-password")  # seed_demo's staff user
GENERATED_KEY = re.compile(r"^partners/(\d+)/(business_certificate|company_profile)-[0-9a-f]{32}\.pdf$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wait_for_message(stack: Stack, *, to: str, subject: str, timeout: float = 45.0) -> EmailMessage:
    """The first message the SMTP server accepted for `to` whose subject contains `subject`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in read_messages(stack.mail_dir):
            if to.lower() in str(message["To"]).lower() and subject in str(message["Subject"]):
                return message
        time.sleep(0.2)
    seen = [f"{m['To']}: {m['Subject']}" for m in read_messages(stack.mail_dir)]
    raise AssertionError(f"no message to {to} about {subject!r} within {timeout} s; received: {seen}")


def link_in(message: EmailMessage, stack: Stack, path_part: str) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    for url in re.findall(r"https?://\S+", body.get_content()):
        if path_part in url:
            assert url.startswith(stack.base_url), f"{url} is not on the console's address"
            return str(url)
    raise AssertionError(f"no link containing {path_part!r} in {message['Subject']!r}")


def sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()


def sign_up(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()  # whatever the SMTP server does


def wait_for_outbox_row(page: Any, text: str, error: str, timeout: float = 60.0) -> None:
    """Staff's view of the outbox (the admin) lists a pending email with `text` and `error`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.goto("/staff/admin/outbox/message/?status__exact=pending")
        row = page.locator("tr", has_text=text)
        if row.count() and error in row.first.inner_text():
            return
        time.sleep(1)
    raise AssertionError(f"no pending email for {text!r} with {error!r} in the outbox after {timeout} s")


def bucket_keys(stack: Stack) -> list[str]:
    listing = stack.s3_client().list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def fill_company(page: Any, journey: Journey, certificate: Path, profile: Path) -> None:
    page.get_by_label("Company name").fill(journey.company)
    page.get_by_label("PIC Contact Name").fill("Alice Santoso")
    page.get_by_label("PIC Contact Number").fill("0812 3456 7890")
    page.get_by_label("Business Registration Certificate").set_input_files(certificate)
    page.get_by_label("Company's Profile").set_input_files(profile)
    page.get_by_label("Company Website URL").fill("https://acme.co.id")
    page.get_by_label("Seller", exact=True).check()
    page.get_by_label("In-house", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()


# --- the steps ----------------------------------------------------------------------------


def test_the_run_sets_the_variables_docker_compose_sets(stack: Stack) -> None:
    """Every variable docker-compose.yml gives the console is one the run sets, and the reverse.

    The compose file and the run document each other: a setting added to one
    and not the other fails here.
    """
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    compose_names = set(compose["x-console"]["environment"])
    run_names = set(stack.environment()) - {"PATH", "HOME", "LANG", "TMPDIR", "PYTHONUNBUFFERED"}
    # Behind compose's load balancer the console trusts its X-Forwarded-* headers;
    # the run serves HTTPS itself, and trusts the SMTP server's CA through SSL_CERT_FILE.
    assert compose_names - run_names == {"SECURE_PROXY_SSL_HEADER", "NUM_PROXIES"}
    assert run_names - compose_names == {"SSL_CERT_FILE"}


def test_the_stack_starts_from_the_environment_alone(stack: Stack) -> None:
    """S3 and SMTP servers, migrations, seed data, then beat, the worker and gunicorn (HTTPS, DEBUG off).

    /healthz answers 200 with the database, cache and broker up, over HTTPS
    verified against the run's CA; an unknown page is the console's 404, not
    Django's debug page; HSTS and the CSP are sent; beat sends the outbox's sweep.
    """
    stack.create_database()
    stack.empty_celery_queues()
    # Django's system checks run once, with migrate (.ci/run runs check --deploy itself).
    collectstatic = stack.manage_started("collectstatic", "--noinput", "--skip-checks")  # needs no database
    stack.start("s3", "smtp")
    stack.create_bucket()
    stack.manage("migrate", "--noinput")
    # The catalogue, the Terms and Conditions and a staff user (a deployment imports
    # its own with import_shops and createsuperuser).
    assert "staff@example.com" in stack.manage("seed_demo", "--force", "--skip-checks")
    stack.manage_finished(collectstatic)
    stack.start("beat", "worker", "web")

    health = requests.get(stack.base_url + "/healthz", verify=stack.ca, timeout=10)
    assert health.json()["checks"].keys() == {"database", "cache", "broker"}
    assert all(check["status"] == "up" for check in health.json()["checks"].values())
    missing = requests.get(stack.base_url + "/no-such-page/", verify=stack.ca, timeout=10)
    assert missing.status_code == 404
    assert "Page not found" in missing.text and "URLconf" not in missing.text
    assert missing.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "script-src" in missing.headers["Content-Security-Policy"]
    # beat sends the outbox's sweep every 5 s: retries and lost nudges depend on it.
    stack.wait_for_log(stack.services["beat"], "Sending due task outbox-sweep")


def test_a_partner_signs_up_and_verifies_from_the_email_the_smtp_server_received(
    stack: Stack, browser: Any, journey: Journey
) -> None:
    """Signup in Chromium; the verification email arrives at the SMTP server over STARTTLS, authenticated.

    Its link confirms the address and, in the browser that signed up, signs the partner in.
    """
    page = journey.pages["partner"] = new_page(browser, stack)
    sign_up(page, journey.email, journey.password)

    message = wait_for_message(stack, to=journey.email, subject="Confirm")
    assert received_with(message) == "ESMTPSA"  # over TLS, with the configured login
    page.goto(link_in(message, stack, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("You have confirmed").wait_for()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()


def test_refused_pdfs_are_explained_and_leave_nothing_in_the_bucket(
    stack: Stack, browser: Any, journey: Journey
) -> None:
    """Step 1 with an encrypted and a corrupt PDF: each field says which rule failed, the bucket stays empty.

    The company name typed stays in the form.
    """
    page = journey.pages["partner"]
    journey.seeded_keys = bucket_keys(stack)  # seed_demo's demo partner has its documents there
    page.goto("/registration/")
    page.get_by_role("button", name="Start registration").click()
    fill_company(page, journey, PDF_DIR / "encrypted_user_password.pdf", PDF_DIR / "corrupt_truncated.pdf")
    page.get_by_text("The PDF is password-protected or encrypted.").first.wait_for()
    assert page.get_by_text("The PDF is damaged and can't be read.").first.is_visible()
    assert page.get_by_label("Company name").input_value() == journey.company
    assert bucket_keys(stack) == journey.seeded_keys


def test_a_storage_outage_keeps_the_form_and_says_so(stack: Stack, browser: Any, journey: Journey) -> None:
    """With the S3 server stopped, saving step 1 answers the form again, not a 500.

    The PDF fields say the store isn't answering, every typed answer is still
    there, and nothing is stored; the S3 server then comes back (moto keeps
    nothing, so the operator's bucket is made again).
    """
    page = journey.pages["partner"]
    stack.services["s3"].stop()
    try:
        started = time.monotonic()
        fill_company(page, journey, CERTIFICATE, PROFILE)
        page.get_by_text("the document store isn't answering").first.wait_for()
        # Both PDF fields say so, and the error summary links to each.
        assert page.locator(".field-errors", has_text="the document store isn't answering").count() == 2
        assert page.locator(".error-summary a", has_text="the document store isn't answering").count() == 2
        assert time.monotonic() - started < 20  # AWS_S3_CONNECT_TIMEOUT, not botocore's minutes
        assert page.get_by_label("Company name").input_value() == journey.company
        assert page.get_by_label("PIC Contact Name").input_value() == "Alice Santoso"
    finally:
        stack.start("s3")
        stack.create_bucket()
        journey.seeded_keys = []
    assert bucket_keys(stack) == []


def test_the_five_steps_store_both_pdfs_privately_in_the_bucket(stack: Stack, browser: Any, journey: Journey) -> None:
    """Steps 1 to 4 in Chromium; both PDFs are in the bucket under generated names, private.

    Each object holds the uploaded bytes, its key is `partners/<id>/<kind>-<uuid>.pdf`
    (never the partner's file name), its ACL grants nothing beyond the owner,
    and an unsigned GET is refused; the partner downloads them only through the
    console's document view, and no page links to the bucket.
    """
    page = journey.pages["partner"]
    fill_company(page, journey, CERTIFICATE, PROFILE)
    page.wait_for_url(re.compile("/registration/terms/"))
    page.get_by_label("I have read and agree to the Terms and Conditions").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile("/registration/shops/"))
    page.get_by_label("Shop domains").fill(journey.shop_domain)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile("/registration/submit/"))
    page.get_by_role("button", name="Submit registration").click()
    page.wait_for_url(re.compile("/registration/status/"))
    page.get_by_text("Waiting for review").first.wait_for()

    keys = sorted(set(bucket_keys(stack)) - set(journey.seeded_keys))
    assert len(keys) == 2 and all(GENERATED_KEY.match(key) for key in keys), keys
    matches = {key: GENERATED_KEY.match(key) for key in keys}
    assert all(matches.values()), keys
    journey.partner_id = int(matches[keys[0]].group(1))  # type: ignore[union-attr]
    journey.document_keys = keys
    s3 = stack.s3_client()
    expected = {"business_certificate": CERTIFICATE.read_bytes(), "company_profile": PROFILE.read_bytes()}
    for key in keys:
        kind = matches[key].group(2)  # type: ignore[union-attr]
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        assert sha256(body) == sha256(expected[kind])
        grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
        assert grants[0]["Grantee"]["Type"] == "CanonicalUser"
        assert requests.get(f"{stack.s3_endpoint}/{BUCKET}/{key}", timeout=10).status_code == 403

    page.goto("/registration/company/")  # submitted: the status page, with the documents' links
    links = page.locator("a[href*='/registration/documents/']")
    journey.document_urls = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    assert len(journey.document_urls) == 2
    assert stack.s3_endpoint not in page.content() and BUCKET not in page.content()
    downloaded = sorted(sha256(page.request.get(url).body()) for url in journey.document_urls)
    assert downloaded == sorted(sha256(data) for data in expected.values())


def test_staff_open_both_documents_and_approve(stack: Stack, browser: Any, journey: Journey) -> None:
    """Sam (staff) reviews the application, opens both PDFs in the browser, approves.

    The documents come through the console (inline, `application/pdf`,
    `no-store`); a signed-out request for one gets no document. The partner's
    approval email and the shop owner's consent request reach the SMTP server.
    """
    page = journey.pages["staff"] = new_page(browser, stack)
    sign_in(page, *STAFF)
    page.get_by_role("link", name="Review queue", exact=True).click()
    page.get_by_role("link", name=journey.company).click()
    for url in journey.document_urls:
        response = page.request.get(url + "?inline=1")
        assert response.ok and response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("inline")
        assert "no-store" in response.headers["cache-control"]
        assert response.body().startswith(b"%PDF-")
        anonymous = requests.get(stack.base_url + url, verify=stack.ca, timeout=10, allow_redirects=False)
        assert anonymous.status_code == 302 and b"%PDF" not in anonymous.content
    page.get_by_role("button", name="Approve").click()
    page.get_by_text(f"Approved {journey.company}").wait_for()
    wait_for_message(stack, to=journey.email, subject="is approved")


def test_the_shop_owner_consents_by_the_emailed_link(stack: Stack, browser: Any, journey: Journey) -> None:
    """The owner of the drafted shop opens the consent email's link, with no account, and approves.

    That activates the partner: the activation email reaches the partner.
    """
    owner = f"owner+{journey.shop_domain}@shops.example.com"
    # A shop owner may have no account: the email is in Bahasa Indonesia first (SHOP_OWNER_EMAIL_LANGUAGES).
    message = wait_for_message(stack, to=owner, subject=f"{journey.company} meminta izin mengelola toko Anda")
    page = new_page(browser, stack)
    page.goto(link_in(message, stack, "decision=approve"))
    page.get_by_role("button", name="Approve access").click()
    page.get_by_role("heading", name="Access approved").wait_for()
    page.context.close()
    wait_for_message(stack, to=journey.email, subject="active")


def test_the_partner_regenerates_the_default_apps_secret(stack: Stack, browser: Any, journey: Journey) -> None:
    """The active partner's default app, in Authentication Management: App ID, Client ID, a new Client Secret.

    The default app is made without a secret: the page says so, and the
    secret is obtained as a partner would: Generate Client Secret, copied from
    the page the POST redirects to, which shows it once (a reload shows it no more).
    """
    page = journey.pages["partner"]
    page.goto("/apps/")
    page.get_by_role("link", name=re.compile("default app")).first.click()
    match = re.search(r"/apps/(\d+)/", page.url)
    assert match, page.url
    journey.fs_id = int(match.group(1))
    page.goto(f"/apps/{journey.fs_id}/auth/")
    journey.client_id = page.get_by_label("Client ID").input_value()
    page.get_by_text("Not generated yet").wait_for()
    page.get_by_role("button", name="Generate Client Secret").click()
    page.get_by_text("New Client Secret: copy it now").wait_for()
    journey.client_secret = page.get_by_role("textbox", name="Client Secret").input_value()
    assert len(journey.client_secret) >= 32
    page.reload()
    assert page.get_by_text("New Client Secret: copy it now").count() == 0
    assert page.console_errors == []


def test_the_default_apps_credentials_get_a_token_and_call_shop_info(stack: Stack, journey: Journey) -> None:
    """POST /token with the app's Client ID and Secret, then GET shop-info for the approved shop.

    The token is a Bearer token; shop-info answers Tokopedia's envelope with
    the shop the owner approved.
    """
    token = requests.post(
        f"{stack.base_url}/token?grant_type=client_credentials",
        auth=(journey.client_id, journey.client_secret),
        verify=stack.ca,
        timeout=10,
    )
    assert token.status_code == 200, token.text
    assert token.json()["token_type"] == "Bearer"
    info = requests.get(
        f"{stack.base_url}/v1/shop/fs/{journey.fs_id}/shop-info",
        params={"shop_id": journey.shop_id},
        headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        verify=stack.ca,
        timeout=10,
    )
    assert info.status_code == 200, info.text
    [shop] = info.json()["data"]
    assert shop["shop_id"] == journey.shop_id and shop["domain"] == journey.shop_domain
    journey.token = token.json()["access_token"]
    journey.shop_info_request_id = info.headers["X-Request-Id"]


def test_the_shop_info_call_is_in_log_history(stack: Stack, journey: Journey) -> None:
    """The call just made is in the app's Log History, found by the X-Request-Id it answered.

    gunicorn's workers buffer calls and write them within a second
    (calllogs/recorder.py); the page is read again until it shows the call.
    """
    page = journey.pages["partner"]
    request_id = journey.shop_info_request_id
    deadline = time.monotonic() + 10
    page.goto(f"/apps/{journey.fs_id}/logs/?request_id={request_id}")
    while not page.get_by_text(request_id).count() and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert page.get_by_text(request_id).count() == 1
    assert page.get_by_role("link", name="Log History").get_attribute("aria-current") == "page"
    page.locator("table.log-table a").first.click()
    page.get_by_role("heading", name="Response").wait_for()
    assert page.get_by_text(f"/v1/shop/fs/{journey.fs_id}/shop-info").count() >= 1
    assert page.console_errors == []


def test_a_gateway_batch_lands_in_log_history_once(stack: Stack, journey: Journey) -> None:
    """The marketplace's gateway posts a gzipped Kong http-log batch to /gateway/logs through gunicorn.

    The records are stored once (the replay stores nothing), the bad one is
    named by its index, and the call shows in Log History with the source
    Gateway; the gateway's credential opens nothing else.
    """
    started = int(time.time() * 1000)
    kong = {
        "request": {"id": "e2e-kong-0001", "method": "GET", "uri": f"/v2/order/list?fs_id={journey.fs_id}&page=1",
                    "headers": {"user-agent": "partner-erp/2.1", "authorization": "Bearer never-stored"}},
        "response": {"status": 200, "headers": {"content-type": "application/json"}},
        "latencies": {"request": 42},
        "started_at": started,
        "client_ip": "203.0.113.9",
        "consumer": {"custom_id": str(journey.fs_id)},
    }  # fmt: skip
    batch = gzip.compress(json.dumps([kong, {"request_id": "no-app"}]).encode())
    headers = {
        "Authorization": f"Bearer {stack.env['LOG_INGEST_TOKEN']}",
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
    }
    url = f"{stack.base_url}/gateway/logs"
    first, again = (requests.post(url, data=batch, headers=headers, verify=stack.ca, timeout=10).json() for _ in "12")
    assert (first["stored"], first["duplicates"], [r["index"] for r in first["rejected"]]) == (1, 0, [1])
    assert (again["stored"], again["duplicates"]) == (0, 1)
    # The credential writes logs and reads nothing.
    other = requests.get(f"{stack.base_url}/apps/", headers=headers, verify=stack.ca, timeout=10, allow_redirects=False)
    assert other.status_code == 302 and "/accounts/login/" in other.headers["Location"]
    page = journey.pages["partner"]
    page.goto(f"/apps/{journey.fs_id}/logs/?request_id=e2e-kong-0001")
    row = page.locator("table.log-table tbody tr")
    assert row.count() == 1 and "Gateway" in (row.first.text_content() or "")
    row.first.locator("a").first.click()
    page.get_by_role("heading", name="Response").wait_for()
    assert "never-stored" not in page.content()
    assert page.console_errors == []


def test_a_webhook_reaches_the_partners_receiver_signed_both_ways(stack: Stack, journey: Journey) -> None:
    """In Webhook Settings the partner points Order status at a receiver on loopback and sends a test event.

    The worker delivers it; the receiver verifies the hex `Authorization-Hmac`
    and the Standard Webhooks signature with the `standardwebhooks` library;
    the delivery log shows it delivered with the receiver's 200.
    """
    page = journey.pages["partner"]
    with receiver() as hook:
        page.goto(f"/apps/{journey.fs_id}/auth/")
        page.get_by_role("link", name="Webhook Settings").click()
        page.get_by_label("Order status URL").fill(hook.url)
        page.get_by_role("button", name="Save URLs").click()
        page.get_by_text("Webhook URLs saved").wait_for()
        page.get_by_role("button", name="Show secret").click()
        secret = page.get_by_role("textbox", name="Webhook secret").input_value()
        whsec = page.get_by_role("textbox", name="Standard Webhooks key").input_value()
        page.get_by_label("Event", exact=True).select_option("order_status")
        page.get_by_role("button", name="Send test event").click()
        page.get_by_role("heading", name="Attempts").wait_for()
        [delivery] = hook.wait_for(1, timeout=30)
        deadline = time.monotonic() + 30
        while not page.get_by_role("cell", name="200").count() and time.monotonic() < deadline:
            page.reload()  # the attempt is recorded by the worker just after the receiver answers
    assert page.get_by_role("cell", name="200").count() == 1
    expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert delivery.headers["authorization-hmac"] == expected
    Webhook(whsec).verify(delivery.body, delivery.headers)  # raises if the signature doesn't match
    assert page.console_errors == []


def test_an_smtp_outage_and_a_greylisted_recipient_delay_emails_that_staff_see_and_lose_none(
    stack: Stack, browser: Any, journey: Journey
) -> None:
    """Bob signs up while the SMTP server is down, Grey (a greylisted address) once it is back.

    Both pages answer as usual. Sam sees each verification email pending in
    the outbox with its reason (the refused connection; the 451), and both
    arrive on a later attempt.
    """
    bob, grey = journey.email.replace("alice+", "bob+"), journey.email.replace("alice+", "grey+")
    staff = journey.pages["staff"]
    page = new_page(browser, stack)
    stack.services["smtp"].stop()
    try:
        sign_up(page, bob, journey.password)
        wait_for_outbox_row(staff, bob, "ConnectionRefusedError")
    finally:
        stack.start("smtp")
    page.context.clear_cookies()
    sign_up(page, grey, journey.password)
    wait_for_outbox_row(staff, grey, "451 4.7.1 Greylisted")
    page.context.close()
    for address in (bob, grey):
        assert received_with(wait_for_message(stack, to=address, subject="Confirm", timeout=90)) == "ESMTPSA"
    assert f"RCPT TO:<{grey}> answered 451 4.7.1 Greylisted" in stack.services["smtp"].log_text()


def test_gunicorn_and_the_worker_stop_gracefully_in_the_middle_of_traffic(stack: Stack, journey: Journey) -> None:
    """SIGTERM to gunicorn and to the Celery worker under load, then both start again.

    Six clients call shop-info and download a document without pause; 30
    emails are queued, then gunicorn and the worker get SIGTERM together,
    finish what they hold and exit 0; gunicorn starts again at once, 10 more
    emails are queued while no worker runs, then the worker starts. Every
    request gets a whole response, none a reset or a refused connection (the
    listening socket outlives the process), calls made while gunicorn was
    down are among them, and all 40 emails reach the SMTP server.
    """
    page = journey.pages["partner"]
    traffic = Traffic(
        stack,
        token=journey.token,
        fs_id=journey.fs_id,
        shop_id=journey.shop_id,
        document_url=journey.document_urls[0],
        cookies={cookie["name"]: cookie["value"] for cookie in page.context.cookies()},
    )
    traffic.start(clients=6)
    time.sleep(1.0)
    subjects = queue_emails(stack, count=30, batch="Before")
    web, worker = stack.services["web"], stack.services["worker"]
    stopping = time.monotonic()
    web.send(signal.SIGTERM)
    worker.send(signal.SIGTERM)
    assert web.wait() == 0
    web.start()  # at once: clients are waiting in the socket's backlog
    assert worker.wait() == 0
    assert "Warm shutdown" in worker.log_text()
    sent_before = len([m for m in read_messages(stack.mail_dir) if "@burst.example.com" in str(m["To"])])
    subjects += queue_emails(stack, count=10, batch="Meanwhile")  # rows, and nudges no worker takes yet
    worker.start()
    stack.wait_ready("web")
    back = time.monotonic()
    stack.wait_ready("worker")
    time.sleep(1.0)
    calls = traffic.stop()

    outcomes = summary(calls)
    print(f"{len(calls)} calls: {dict(outcomes)}; {back - stopping:.1f} s from SIGTERM to serving again")
    print(f"emails: {sent_before} of the first 30 sent by the stopping worker; the rest, and 10 more, by the next")
    assert [call.error for call in calls if call.error] == []
    assert set(outcomes) <= {"200", "429"}, outcomes  # 429: the app's rate limit, a whole response
    across = [call for call in calls if call.started < back and call.ended > stopping]
    assert len(across) >= 6, "no call was in flight while gunicorn restarted"
    for subject in subjects:
        wait_for_message(stack, to="@burst.example.com", subject=subject, timeout=90)


def test_every_email_went_to_the_smtp_server_over_tls(stack: Stack) -> None:
    """Every message the run caused was received over STARTTLS with the configured login, none left as a file."""
    messages = read_messages(stack.mail_dir)
    assert len(messages) >= 45
    assert {received_with(message) for message in messages} == {"ESMTPSA"}
