-- A message that can never be delivered (an address the transport refuses, a body sealed
-- under another key, or too many failed tries) is given up: kept for the administrators, its
-- body blanked, never claimed again.
ALTER TABLE mail_queue ADD COLUMN given_up_at BIGINT;
