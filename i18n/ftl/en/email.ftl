## The email panel of the Profile page, and the page a mailed link opens.

email-heading = Email
email-verified = Verified
email-not-verified = Not verified
email-pending = A confirmation link was sent to { $address }. Your address changes once it is opened.
email-cancel-change-label = Cancel the change to { $address }
email-resend = Resend Email Verification
email-resent = A new verification link is on its way. Earlier links no longer work.
email-change-heading = Change email address
email-change-sent = Check the new address: the change takes effect when you open the link we sent there.
email-field-new = New email address
email-field-password = Your password
email-change-submit = Change email

email-verify-title = Confirm your email address · Gatehouse
email-verify-heading = Confirm your email address
email-verify-submit = Confirm email address
email-verify-done = Your email address is confirmed.
email-go-to-profile = Go to your profile
