-- Agents sign in to their desk with their id and this password (BCrypt); without one they cannot sign in.
alter table agent add column password_hash varchar(100);
