"""The window's view of export requests (issue 14): the requester's own request for exactly
the list refused is found (waiting or approved, not used), and who may decide a request
follows the rules :func:`export_approvals.approve` and ``reject`` enforce."""

from __future__ import annotations

from desktop.models.accounts import Role
from desktop.services import business_settings as bs
from desktop.services import customers, exports
from desktop.services import export_approvals as ea


def test_the_requesters_request_for_this_list_and_who_may_decide(admin, role_users, login_as):
    bs.set(admin, bs.EXPORT_APPROVAL_THRESHOLD, 1)
    for code, name in (("C001", "恒达"), ("C002", "华南")):
        customers.create_customer(admin, customers.CustomerInput(code, name), None, None)
    hr, manager = login_as(Role.HR), login_as(Role.MANAGER)
    ident = exports.request_export(hr, "customers", "盘点", "", {"active": True})
    assert [r.id for r in ea.requests_for_list(hr, "customers", "", {"active": True})] == [ident]
    assert ea.requests_for_list(hr, "customers", "恒达", {"active": True}) == []
    assert ea.requests_for_list(hr, "customers", "", None) == []
    assert ea.requests_for_list(hr, "orders", "", {"active": True}) == []
    assert ea.requests_for_list(manager, "customers", "", {"active": True}) == []

    (mine,) = ea.list_requests(hr)
    assert not ea.may_decide(hr, mine) and not ea.may_reject(hr, mine)
    assert ea.may_decide(manager, mine) and ea.may_reject(manager, mine)
    assert not ea.may_decide(admin, mine) and ea.may_reject(admin, mine)
    ea.approve(manager, ident)
    (mine,) = ea.list_requests(hr)
    assert not ea.may_decide(manager, mine) and ea.may_decide(admin, mine)
    ea.approve(admin, ident)
    (mine,) = ea.list_requests(hr)
    assert mine.status == "approved" and not ea.may_decide(admin, mine)
    assert [r.status for r in ea.requests_for_list(hr, "customers", "", {"active": True})] == [
        "approved"
    ]
    ea.take_approval(hr, ident, "customers", "", {"active": True})
    assert ea.requests_for_list(hr, "customers", "", {"active": True}) == []
