## Organizations (workspaces): My Account → Organizations, an organization's page, its Users &
## Groups page (seed 004: "Force 2-Factor Auth", "Save") and an invitation's page.

org-title = Organizations
org-intro = Workspaces you own or belong to. Their owners and admins may set rules for their members.
org-yours = Your organizations
org-none = You are not in any organization yet.
# After "Create organization": the new organization's name, then a link to open it.
org-created = { $name } is created.
org-open = Open it
org-create-heading = Create organization
org-create = Create organization
org-name = Organization name
org-slug = Address
org-slug-hint = 3 to 40 lower-case letters, digits and dashes; part of the organization's links. It cannot change later.
org-column-name = Organization
org-column-role = Role
org-column-members = Members
org-column-contract = Contract
org-locked = Locked
org-locked-reason = This organization is visible only to members who use two-factor authentication.
org-locked-set-up = Set it up on the Security page.
org-role-owner = Owner
org-role-admin = Admin
org-role-member = Member
org-plan-free = Free plan
org-plan-paid = Paid plan
org-contract-active = active
org-contract-cancelled = cancelled
org-contract-ended = ended
# Followed by a date.
org-contract-until = until
org-no-contract = No contract

## An organization's page.

org-page-title = { $name } · Organizations · Gatehouse
org-nav-label = Organization
org-all = All organizations
org-overview = Overview
org-users-groups = Users & Groups
org-your-role = Your role
org-visibility = Visibility
org-visible-all = Visible to every member
org-visible-two-factor = Visible only to members with two-factor authentication
org-settings-heading = Settings
org-visibility-intro = Members without two-factor authentication see the organization listed as locked, and cannot open it until they set it up.
org-visible-two-factor-label = Visible only to members with two-factor authentication
org-visibility-needs-two-factor = Set up two-factor authentication for your own account first.
org-policy-heading = Password rules for members
org-policy-intro = Rules every member's password must follow, beyond the server's. Each member's rules are the strictest of the server's and every organization they belong to.
org-policy-set = This organization sets password rules for its members.
org-policy-none = This organization sets no password rules of its own.
org-policy-save = Save rules
org-policy-saved = The rules are saved. They apply to members' next password change.
org-policy-clear = Remove the rules
org-leave-heading = Leave organization
org-leave-intro = You lose access to the organization. An owner or admin can invite you again.
org-leave-last-owner = You are its only owner: make another member an owner before you leave.
org-leave = Leave organization
org-delete-heading = Delete organization
org-delete-intro = Deletes the organization, its memberships and its invitations, at once. Not possible while its contract runs.
# The label of the field where the owner types the organization's address to confirm.
org-delete-confirm = Type { $slug } to confirm
org-delete = Delete organization

## Users & Groups.

org-users-page-title = Users & Groups · { $name } · Gatehouse
org-user-manager = User Manager
org-filter-label = Show
org-filter-all = All members
org-filter-without-two-factor = Without two-factor authentication ({ $count })
org-no-members-here = No member matches.
# The link on a member's username: select them.
org-select-member = Select { $username }
org-member-heading = Member { $username }
org-meta-data = Meta Data
org-force-two-factor = Force 2-Factor Auth
org-force-two-factor-hint = The member must set up two-factor authentication before using their account. You cannot set it up for them.
org-save = Save
org-member-saved = Saved.
org-remove-member = Remove from organization
org-invite-heading = Invite a member
org-invite-intro = The invitation link works once, for 7 days, for the account with that email address.
org-invite-email = Email
org-invite = Invite
org-invite-sent = The invitation is sent.
org-invitations-open = Open invitations
org-invited-by = Invited by
org-invitation-expires = Expires
org-withdraw = Withdraw
org-withdraw-for = Withdraw the invitation to { $email }

## An invitation's page.

org-invitation-title = Invitation
# Who invites, to which organization, with which role.
org-invitation-lead = { $inviter } invited you to join { $org } as { $role }.
org-invitation-expires-at = The invitation expires:
org-invitation-sign-in = Sign in, or create an account, with { $email } to accept it. You come back here afterwards.
org-invitation-other-account = This invitation is for { $email }, but you are signed in as { $me }. Sign in with the account of that address to accept it.
org-invitation-member-already = You are a member of this organization already.
org-invitation-invalid = This invitation is invalid, was withdrawn, or has expired. Ask for a new one.
org-accept = Accept invitation
org-joined = You joined { $name }.
org-someone = Someone

## What organizations ask of the account (the Security page).

org-rules-heading = Your organizations' rules
org-rules-intro = Your password must follow the strictest rules of the server and of every organization you belong to.
# Followed by the list of its rules.
org-rules-asks = { $org } asks for:
org-rules-forces = { $org } requires two-factor authentication for your account.
