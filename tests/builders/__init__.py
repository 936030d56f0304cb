"""The records tests are built from, made straight with the ORM so a test reads its own data.

One way to make each kind of record, in the module named after it:

    places            add_community, add_facilitator
    people            add_participant, add_membership, add_members
    groups            add_group, add_meeting, add_weekly_meetings, add_group_with_members
    marks             add_marks; add_held_group, a group run through the Sessions services
    accounts          ADMIN, STAFF, SUPERVISOR, FACILITATOR actors; add_user_accounts
    small_office      add_small_office: one group with held meetings and every kind of mark
    dashboard_office  add_dashboard_office: the office whose figures were worked out by hand
    printable_group   add_printable_group: a group with names that are hard to print

A record a builder links to (a group, a participant, a community) is given as the row or as
its id. Builders take the test's session and flush, so each row they return has its id; the
two that take the database instead (add_held_group, add_dashboard_office) commit as they go.
"""
