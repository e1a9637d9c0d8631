#pragma once

// Language-neutral judgements shared by several rules. They read model facts (names,
// string values, operations), never syntax.

#include "findings/finding.h"
#include "model/model.h"

#include <QString>

namespace cio::facts {

// "userEmail" / "USER_EMAIL" / "user-email" -> "user_email".
QString snakeName(const QString &name);

bool isSnakeCase(const QString &eventName);
// "UserSignedUp" -> "user_signed_up", "Order Completed" -> "order_completed".
QString toSnakeCase(const QString &eventName);
// Key for near-duplicate grouping: lower-case letters and digits only.
QString nearDuplicateKey(const QString &eventName);

// email, user_email, emailAddress, e_mail, customer.email ...
bool isEmailName(const QString &name);
// The value an expression denotes is an email: an '@' literal, or the last name read is
// email-like (user.email, req.body.email, params[:email], email).
bool denotesEmail(const Expr &e);

// Personal data inside a dynamic string: which name, or empty.
QString personalDataName(const Expr &e);
// An email address or phone number written inside a string value.
bool containsEmailAddress(const QString &text);
bool containsPhoneNumber(const QString &text);

// Keys Customer.io reads as timestamps: timestamp, created_at, *_at, createdAt...
bool isTimestampKey(const QString &key);

// Operations that send a person's activity or profile (not transactional messages).
bool isTrackingOperation(Operation op);
bool isEventOperation(Operation op);  // track / anonymous track (named events)
// The API takes UNIX seconds (Track/App/classic snippet), not Pipelines' ms/ISO.
bool takesUnixSeconds(Sdk sdk);

// Test files by their name, in every supported language (test_x.py, x_test.go,
// x_spec.rb, x.test.ts, __tests__/), or by a tests/, test/ or spec/ folder in a path
// relative to the scanned folder: their code never runs in production.
bool isTestFile(const QString &path);

// Normalised person-id text so `user.id` and `user .id` compare equal.
QString sameValueKey(const Expr &e);

QString sdkName(Sdk sdk);

// The adapter's rewrite that moves an event name's dynamic parts into event data, as
// a fix (none when the adapter offers no rewrite).
std::vector<Fix> eventDataFix(const Call &c);

}  // namespace cio::facts
