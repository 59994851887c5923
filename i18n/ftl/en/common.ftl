## Words every page uses.

common-product = Gatehouse
common-save = Save
common-save-changes = Save Changes
common-cancel = Cancel
common-close = Close
common-delete = Delete
common-remove = Remove
common-edit = Edit
common-back = Back
common-continue = Continue
common-confirm = Confirm
common-loading = Loading…
common-saving = Saving…
common-saved = Saved.
common-yes = Yes
common-no = No
common-on = On
common-off = Off
common-never = Never
common-none = None
common-optional = optional
common-required = required
common-language = Language
common-change-language = Change language
common-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
common-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
common-characters = { $count ->
    [one] { $count } character
   *[other] { $count } characters
}
