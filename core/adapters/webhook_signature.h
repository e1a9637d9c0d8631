#pragma once

// How a file checks the signature of Customer.io's reporting webhooks (CIO017), for
// every adapter. The facts are the same words in each language (the header names, the
// HMAC and constant-time compare functions of each standard library); the syntax that
// differs (string, comparison and assignment nodes) is a small table per language.

#include "language/language.h"
#include "model/model.h"

#include <tree_sitter/api.h>

#include <QByteArray>

namespace cio {

namespace ts {
class TreeIndex;
}

// A metric a reporting webhook carries, current (`bounced`, `delivered`) or legacy
// (`email_bounced`, `customer_unsubscribed`): what a handler compares `metric` /
// `event_type` with.
bool isDeliveryMetric(const QString &value);

// Fills `model.webhookSignature` from the tree.
void collectWebhookSignature(TSNode root, const QByteArray &src, LanguageId language, FileModel &model);
// The same over the nodes of an adapter's index of the tree (root = the tree's root):
// one scan of its symbols instead of a cursor walk, and only the statements it holds.
void collectWebhookSignature(const ts::TreeIndex &index, TSNode root, const QByteArray &src, LanguageId language,
                             FileModel &model);

}  // namespace cio
