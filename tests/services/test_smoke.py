from desktop.services import accounts


def test_admin_sees_itself(admin):
    names = [u.username for u in accounts.list_users(admin)]
    assert names == ["admin"]
