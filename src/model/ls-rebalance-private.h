/* ls-rebalance-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-baseline-private.h"

G_BEGIN_DECLS

/* The inputs of one rebalance, with ids resolved to indices. */
typedef struct
{
  guint     n_stages;
  guint     n_countries;
  gboolean *members;      /* n_countries */
  double   *delta;        /* n_stages × n_countries, t */
  double   *keep;         /* (n_stages − 1) × n_countries × n_countries: Π (1 − f) */
  gboolean *restricted;   /* same shape: some restriction with f > 0 covers the pair */
  double    friend_shoring;
} LsLevers;

LsFlowState *_ls_rebalance (const LsInputs    *inputs,
                            const LsFlowState *baseline,
                            const LsLevers    *levers,
                            double            *target,
                            double            *shortfall);

G_END_DECLS
