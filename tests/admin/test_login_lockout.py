"""The admin's sign-in form takes a limited number of guesses (django-axes): five wrong
passwords lock that account out, and five from one address lock that address out, for 15
minutes, right password or not; a right password before that clears the count."""
import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(db):
    return User.objects.create_user("stella", password="stella-pw-for-tests", is_staff=True)


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_out(client, staff):
    codes = [sign_in(client, "stella", f"guess-{n}", address=f"192.0.2.{n}").status_code
             for n in range(1, 6)]
    assert codes == [200] * 4 + [429]  # the form again, then locked out
    # Locked: the right password is refused too, from any address.
    locked = sign_in(client, "stella", "stella-pw-for-tests", address="198.51.100.1")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account is not locked.
    User.objects.create_user("otto", password="otto-pw-for-tests", is_staff=True)
    assert sign_in(client, "otto", "otto-pw-for-tests", address="198.51.100.2"
                   ).status_code == 302


def test_five_wrong_guesses_from_one_address_lock_that_address_out(client, staff):
    codes = [sign_in(client, f"user{n}", "guess", address="203.0.113.9").status_code
             for n in range(5)]
    assert codes == [200] * 4 + [429]
    assert sign_in(client, "stella", "stella-pw-for-tests", address="203.0.113.9"
                   ).status_code == 429
    assert sign_in(client, "stella", "stella-pw-for-tests", address="203.0.113.10"
                   ).status_code == 302


def test_a_right_password_clears_the_count(client, staff):
    for n in range(4):
        assert sign_in(client, "stella", f"guess-{n}").status_code == 200
    assert sign_in(client, "stella", "stella-pw-for-tests").status_code == 302
    client.logout()
    for n in range(4):
        assert sign_in(client, "stella", f"again-{n}").status_code == 200
