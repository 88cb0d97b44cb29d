/* ls-json-reader.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-json-reader"

#include "config.h"

#include "ls-json-reader-private.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __linux__
#include <sys/mman.h>
#endif

/*
 * Why a parser of our own: json-glib builds a GObject-sized node per
 * value and tells of positions only through a signal per member, so a
 * 22 MB dataset took seconds to read before any check ran (issue 12). Here
 * a value is 16 bytes in one array, strings are unescaped into one block
 * sized by the text, and a position is a byte offset, turned into a line
 * and column only for an error.
 */

struct _LsJsonReader
{
  GBytes      *bytes;
  const char  *text;
  gsize        size;
  char        *filename;
  LsJsonValue *values;
  char        *strings;

  /* Byte offsets where each line starts, counted on the first position
   * asked for: an error, or a scenario remembering where a lever was. */
  GArray      *lines;
};

G_DEFINE_QUARK (ls-data-error-quark, ls_data_error)

G_STATIC_ASSERT (sizeof (LsJsonValue) == 16);

/* Positions ------------------------------------------------------------ */

static void
offset_to_position (LsJsonReader *self,
                    gsize         offset,
                    guint        *line,
                    guint        *column)
{
  const guint32 *starts;
  guint lo = 0;
  guint hi;

  if (self->lines == NULL)
    {
      const char *p = self->text;
      const char *end = self->text + self->size;
      guint32 start = 0;

      self->lines = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (self->lines, start);
      while ((p = memchr (p, '\n', end - p)) != NULL)
        {
          start = (guint32) (++p - self->text);
          g_array_append_val (self->lines, start);
        }
    }

  offset = MIN (offset, self->size);
  starts = (const guint32 *) self->lines->data;

  /* The last line starting at or before @offset. */
  hi = self->lines->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }

  *line = lo + 1;
  /* Columns count characters, as editors do; what precedes an error on
   * its line has been checked to be UTF-8. */
  *column = g_utf8_strlen (self->text + starts[lo], offset - starts[lo]) + 1;
}

/**
 * _ls_json_reader_get_position:
 * @value: (nullable): a value of @self's document
 *
 * The 1-based line and column (in characters) where @value starts; the
 * start of the text for %NULL.
 */
void
_ls_json_reader_get_position (LsJsonReader      *self,
                              const LsJsonValue *value,
                              guint             *line,
                              guint             *column)
{
  offset_to_position (self, value != NULL ? value->offset : 0, line, column);
}

/* Paths ---------------------------------------------------------------- */

static void
append_path (GString          *string,
             const LsJsonPath *path)
{
  if (path->parent == NULL)
    {
      g_string_append_c (string, '$');
      return;
    }

  append_path (string, path->parent);

  if (path->member != NULL)
    {
      g_string_append_c (string, '.');
      g_string_append (string, path->member);
    }
  else
    g_string_append_printf (string, "[%u]", path->index);
}

char *
_ls_json_path_to_string (const LsJsonPath *path)
{
  GString *string = g_string_new (NULL);

  if (path != NULL)
    append_path (string, path);
  else
    g_string_append_c (string, '$');

  return g_string_free (string, FALSE);
}

/* Parsing -------------------------------------------------------------- */

typedef struct
{
  guint32 index;  /* of the container in values */
  guint32 count;  /* elements or members so far */
  guint32 key;    /* objects: the current member's key */
} Open;

typedef struct
{
  const guchar *text;
  const guchar *p;
  const guchar *end;

  LsJsonValue  *values;
  gsize         n_values;
  gsize         capacity;

  /* Unescaped strings never take more room than their quoted text, so
   * one block the size of the text holds them all and never moves. */
  char         *strings;
  gsize         n_strings;

  gboolean      huge;  /* buffers in huge pages */

  Open          open[LS_JSON_MAX_DEPTH];
  guint         depth;

  /* The error: where, how many open containers its path goes through,
   * and what. */
  const guchar *error_at;
  guint         error_depth;
  LsDataError   error_code;
  char         *error_message;
} Parser;

/* Bytes a string holds as they are: printable ASCII but '"' (0x22) and
 * '\\' (0x5c). Written out rather than with GCC's range designators, which
 * ISO C lacks; bytes from 0x80 are 0. */
static const guint8 plain_byte[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x00 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x10 */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x20 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x30 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x40 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,  /* 0x50 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x60 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x70 */
};

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

G_GNUC_PRINTF (5, 6)
static gboolean
parser_fail (Parser       *P,
             const guchar *at,
             guint         depth,
             LsDataError   code,
             const char   *format,
             ...)
{
  va_list args;

  if (P->error_message != NULL)
    return FALSE;

  va_start (args, format);
  P->error_message = g_strdup_vprintf (format, args);
  va_end (args);
  P->error_at = at;
  P->error_depth = MIN (depth, P->depth);
  P->error_code = code;

  return FALSE;
}

/* The length of the UTF-8 sequence at @p (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0 when it is not one. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  gsize avail = end - p;
  guchar c = p[0];

  if (c < 0x80)
    return 1;

  if (c >= 0xc2 && c <= 0xdf)
    return avail >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;

  if (c >= 0xe0 && c <= 0xef)
    {
      guchar lo = c == 0xe0 ? 0xa0 : 0x80;
      guchar hi = c == 0xed ? 0x9f : 0xbf;

      return avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 ? 3 : 0;
    }

  if (c >= 0xf0 && c <= 0xf4)
    {
      guchar lo = c == 0xf0 ? 0x90 : 0x80;
      guchar hi = c == 0xf4 ? 0x8f : 0xbf;

      return avail >= 4 && p[1] >= lo && p[1] <= hi &&
             (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80 ? 4 : 0;
    }

  return 0;
}

/* Fails with "expected @expected, found …", or with what is wrong with
 * the text itself when the byte at @at is not UTF-8. */
static gboolean
parser_fail_unexpected (Parser       *P,
                        const guchar *at,
                        guint         depth,
                        const char   *expected)
{
  guint n;

  if (at >= P->end)
    return parser_fail (P, at, depth, LS_DATA_ERROR_PARSE,
                        "the text ends where %s should be", expected);

  n = utf8_sequence_length (at, P->end);
  if (n == 0)
    return parser_fail (P, at, depth, LS_DATA_ERROR_PARSE, "the file is not UTF-8 text");

  if (*at < 0x20 || *at == 0x7f)
    return parser_fail (P, at, depth, LS_DATA_ERROR_PARSE,
                        "expected %s, found the control character U+%04X", expected, *at);

  return parser_fail (P, at, depth, LS_DATA_ERROR_PARSE,
                      "expected %s, found “%.*s”", expected, (int) n, (const char *) at);
}

/* Texts from this size on get their parse buffers in huge pages. */
#define HUGE_TEXT (4u << 20)
#define HUGE_PAGE (2u << 20)

/*
 * A parse buffer, or NULL when there is no memory for it (a text of
 * gigabytes is refused, not a reason to abort). The buffers of a large
 * text are written once, front to back, just after they are made: the
 * values of a 22 MB dataset are some 48 MB, and taking that in 4 KiB page
 * faults cost as much as the parse itself (perf, issue 12). Where the
 * kernel gives transparent huge pages on request, they come in 2 MiB
 * pages instead. Freed with g_free().
 */
static gpointer
buffer_try_alloc (gsize    bytes,
                  gboolean huge)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (huge && bytes <= G_MAXSIZE - HUGE_PAGE)
    {
      gsize rounded = (bytes + HUGE_PAGE - 1) & ~(gsize) (HUGE_PAGE - 1);
      gpointer p = NULL;

      if (posix_memalign (&p, HUGE_PAGE, rounded) != 0)
        return NULL;

      /* A hint: without huge pages the buffer works the same. */
      madvise (p, rounded, MADV_HUGEPAGE);
      return p;
    }
#endif

  return g_try_malloc (bytes);
}

/* A new value at @at, or G_MAXSIZE when there is no memory for it. */
static gsize
parser_add (Parser       *P,
            LsJsonKind    kind,
            const guchar *at)
{
  LsJsonValue *value;

  if (G_UNLIKELY (P->n_values == P->capacity))
    {
      LsJsonValue *bigger = NULL;

      if (P->capacity <= G_MAXSIZE / 2 / sizeof (LsJsonValue))
        bigger = buffer_try_alloc (P->capacity * 2 * sizeof (LsJsonValue), P->huge);

      if (bigger == NULL)
        {
          parser_fail (P, at, P->depth, LS_DATA_ERROR_PARSE, "not enough memory to read the file");
          return G_MAXSIZE;
        }

      memcpy (bigger, P->values, P->n_values * sizeof (LsJsonValue));
      g_free (P->values);
      P->values = bigger;
      P->capacity *= 2;
    }

  value = &P->values[P->n_values];
  value->offset = (guint32) (at - P->text);
  value->kind = kind;
  value->is_integer = FALSE;
  value->boolean = FALSE;
  value->has_nul = FALSE;
  value->size = 0;
  value->integer = 0;

  return P->n_values++;
}

static inline void
skip_whitespace (Parser *P)
{
  const guchar *p = P->p;

  while (p < P->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;

  P->p = p;
}

static int
hex_digit (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of a \u escape at @p, or -1. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return -1;
      value = value << 4 | digit;
    }

  return value;
}

/* A string at P->p (its opening quote), unescaped into P->strings.
 * @depth: how deep an error's path goes (a key's error is its object's). */
static gboolean
parse_string (Parser *P,
              gsize   index,
              guint   depth)
{
  const guchar *p = P->p + 1;
  const guchar *end = P->end;
  char *start = P->strings + P->n_strings;
  char *out = start;
  gboolean has_nul = FALSE;
  LsJsonValue *value;

  for (;;)
    {
      while (p < end && plain_byte[*p])
        *out++ = *p++;

      if (p >= end)
        return parser_fail (P, p, depth, LS_DATA_ERROR_PARSE, "the text ends inside a string");

      if (*p == '"')
        {
          p++;
          break;
        }

      if (*p == '\\')
        {
          const guchar *escape = p;
          int c;

          if (++p >= end)
            return parser_fail (P, p, depth, LS_DATA_ERROR_PARSE, "the text ends inside a string");

          switch (*p)
            {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '/': *out++ = '/'; break;
            case 'b': *out++ = '\b'; break;
            case 'f': *out++ = '\f'; break;
            case 'n': *out++ = '\n'; break;
            case 'r': *out++ = '\r'; break;
            case 't': *out++ = '\t'; break;

            case 'u':
              if ((c = read_hex4 (p + 1, end)) < 0)
                return parser_fail (P, escape, depth, LS_DATA_ERROR_PARSE,
                                    "“\\u” must be followed by four hex digits");
              p += 4;

              /* Outside the Basic Multilingual Plane, a character is
               * escaped as a UTF-16 surrogate pair. */
              if (c >= 0xd800 && c <= 0xdbff)
                {
                  int low = -1;

                  if (end - p >= 3 && p[1] == '\\' && p[2] == 'u')
                    low = read_hex4 (p + 3, end);

                  if (low < 0xdc00 || low > 0xdfff)
                    return parser_fail (P, escape, depth, LS_DATA_ERROR_PARSE,
                                        "the high surrogate \\u%04X is not followed by a low one", c);

                  c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                  p += 6;
                }
              else if (c >= 0xdc00 && c <= 0xdfff)
                return parser_fail (P, escape, depth, LS_DATA_ERROR_PARSE,
                                    "the low surrogate \\u%04X follows no high one", c);

              if (c == 0)
                has_nul = TRUE;
              out += g_unichar_to_utf8 (c, out);
              break;

            default:
              return parser_fail (P, escape, depth, LS_DATA_ERROR_PARSE,
                                  "a backslash in a string must be followed by one of \"\\/bfnrtu");
            }

          p++;
          continue;
        }

      if (*p < 0x20)
        return parser_fail (P, p, depth, LS_DATA_ERROR_PARSE,
                            "the control character U+%04X in a string must be escaped", *p);

      /* Not ASCII: copied whole, once checked. */
      {
        guint n = utf8_sequence_length (p, end);

        if (n == 0)
          return parser_fail (P, p, depth, LS_DATA_ERROR_PARSE, "the file is not UTF-8 text");

        memcpy (out, p, n);
        out += n;
        p += n;
      }
    }

  if (out - start > LS_JSON_MAX_STRING)
    return parser_fail (P, P->p, depth, LS_DATA_ERROR_PARSE,
                        "a string of more than %d bytes", LS_JSON_MAX_STRING);

  *out++ = '\0';

  value = &P->values[index];
  value->string = start;
  value->size = (guint32) (out - 1 - start);
  value->has_nul = has_nul;
  P->n_strings += out - start;
  P->p = p;

  return TRUE;
}

/* RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
parse_number (Parser *P,
              gsize   index)
{
  const guchar *start = P->p;
  const guchar *p = start;
  const guchar *end = P->end;
  LsJsonValue *value = &P->values[index];
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  gboolean exact = TRUE;  /* every significant digit is in @mantissa */
  guint64 mantissa = 0;
  guint digits = 0;
  int exponent = 0;       /* the value is mantissa · 10^exponent */

#define ADD_DIGIT(d, in_fraction)                       \
  G_STMT_START {                                        \
    if (mantissa == 0 && (d) == 0)                      \
      ;                                                 \
    else if (digits < 19)                               \
      {                                                 \
        mantissa = mantissa * 10 + (d);                 \
        digits++;                                       \
      }                                                 \
    else                                                \
      exact = FALSE;                                    \
    if (in_fraction)                                    \
      exponent--;                                       \
  } G_STMT_END

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (p >= end || !g_ascii_isdigit (*p))
    return parser_fail (P, start, P->depth, LS_DATA_ERROR_PARSE,
                        "a number needs a digit after its sign");

  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return parser_fail (P, start, P->depth, LS_DATA_ERROR_PARSE,
                            "a number must not start with a 0 followed by digits");
    }
  else
    for (; p < end && g_ascii_isdigit (*p); p++)
      ADD_DIGIT (*p - '0', FALSE);

  if (p < end && *p == '.')
    {
      integral = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return parser_fail (P, start, P->depth, LS_DATA_ERROR_PARSE,
                            "a number needs a digit after its decimal point");
      for (; p < end && g_ascii_isdigit (*p); p++)
        ADD_DIGIT (*p - '0', TRUE);
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exponent_negative = FALSE;
      int e = 0;

      integral = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exponent_negative = *p++ == '-';
      if (p >= end || !g_ascii_isdigit (*p))
        return parser_fail (P, start, P->depth, LS_DATA_ERROR_PARSE,
                            "a number needs a digit in its exponent");
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (e < 100000)
          e = e * 10 + (*p - '0');
      exponent += exponent_negative ? -e : e;
    }

#undef ADD_DIGIT

  /* "1x", "2.5.1", "3-4": not a number followed by something else. */
  if (p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '+' || *p == '-'))
    return parser_fail (P, start, P->depth, LS_DATA_ERROR_PARSE, "not a number");

  if (integral && exact && mantissa <= (guint64) G_MAXINT64 + negative)
    {
      value->is_integer = TRUE;
      value->integer = negative ? -(gint64) (mantissa - 1) - 1 : (gint64) mantissa;
      if (mantissa == 0)
        value->integer = 0;
    }
#if FLT_EVAL_METHOD == 0
  /* Both factors are exact doubles, so one correctly rounded operation
   * gives the correctly rounded value (Clinger's fast path), as strtod
   * would. */
  else if (exact && mantissa <= G_GUINT64_CONSTANT (1) << 53 && exponent >= -22 && exponent <= 22)
    {
      double d = (double) mantissa;

      d = exponent < 0 ? d / powers_of_ten[-exponent] : d * powers_of_ten[exponent];
      value->number = negative ? -d : d;
    }
#endif
  else
    {
      /* Long or far from 1: what the C library makes of the same text. */
      char buffer[64];
      gsize n = p - start;
      g_autofree char *heap = NULL;
      char *copy = buffer;

      if (n >= sizeof buffer)
        copy = heap = g_malloc (n + 1);
      memcpy (copy, start, n);
      copy[n] = '\0';
      value->number = g_ascii_strtod (copy, NULL);
    }

  P->p = p;
  return TRUE;
}

static gboolean
parse_literal (Parser     *P,
               const char *word,
               gsize       length)
{
  const guchar *p = P->p;

  if ((gsize) (P->end - p) < length || memcmp (p, word, length) != 0 ||
      (P->end - p > (gssize) length && g_ascii_isalnum (p[length])))
    return parser_fail (P, p, P->depth, LS_DATA_ERROR_PARSE,
                        "expected a value (an object, array, string, number, true, false or null)");

  P->p = p + length;
  return TRUE;
}

static guint
key_hash (gconstpointer key)
{
  const LsJsonValue *value = key;
  guint hash = 2166136261u;

  /* FNV-1a over the bytes: keys may hold U+0000. */
  for (guint32 i = 0; i < value->size; i++)
    hash = (hash ^ (guchar) value->string[i]) * 16777619u;

  return hash;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const LsJsonValue *x = a;
  const LsJsonValue *y = b;

  return x->size == y->size && memcmp (x->string, y->string, x->size) == 0;
}

/* json-glib kept the last of two equal member names; a file with one is
 * ambiguous whichever we kept, so it is refused. */
static gboolean
check_duplicates (Parser *P,
                  gsize   index)
{
  const LsJsonValue *object = &P->values[index];
  const LsJsonValue *duplicate = NULL;
  const LsJsonValue *key;

  if (object->length < 2)
    return TRUE;

  if (object->length <= 16)
    {
      const LsJsonValue *keys[16];
      guint n = 0;

      for (key = object + 1; n < object->length; key = _ls_json_next (key + 1))
        {
          for (guint i = 0; i < n && duplicate == NULL; i++)
            if (key_equal (keys[i], key))
              duplicate = key;
          if (duplicate != NULL)
            break;
          keys[n++] = key;
        }
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (key_hash, key_equal);
      guint n = 0;

      for (key = object + 1; n < object->length; key = _ls_json_next (key + 1), n++)
        if (!g_hash_table_add (seen, (gpointer) key))
          {
            duplicate = key;
            break;
          }
    }

  if (duplicate == NULL)
    return TRUE;

  /* The object is still open: its own path leaves out its member. */
  return parser_fail (P, P->text + duplicate->offset, P->depth - 1, LS_DATA_ERROR_DUPLICATE,
                      "member “%s” is given twice in one object", duplicate->string);
}

/* A member name and its colon, after an object's "{" or ",". */
static gboolean
parse_key (Parser *P)
{
  Open *top = &P->open[P->depth - 1];
  gsize index;

  skip_whitespace (P);
  if (P->p >= P->end || *P->p != '"')
    return parser_fail_unexpected (P, P->p, P->depth - 1, "a member name in double quotes");

  if ((index = parser_add (P, LS_JSON_STRING, P->p)) == G_MAXSIZE ||
      !parse_string (P, index, P->depth - 1))
    return FALSE;

  top->key = (guint32) index;
  top->count++;

  skip_whitespace (P);
  if (P->p >= P->end || *P->p != ':')
    return parser_fail_unexpected (P, P->p, P->depth, "“:” after the member name");
  P->p++;

  return TRUE;
}

static gboolean
close_container (Parser *P)
{
  Open *top = &P->open[P->depth - 1];
  LsJsonValue *container = &P->values[top->index];

  container->skip = (guint32) (P->n_values - top->index);
  container->length = top->count;

  if (container->kind == LS_JSON_OBJECT && !check_duplicates (P, top->index))
    return FALSE;

  P->depth--;
  P->p++;
  return TRUE;
}

/* One JSON value with nothing but white space around it. */
static gboolean
parse_document (Parser *P)
{
  gboolean want_value = TRUE;

  skip_whitespace (P);
  if (P->p >= P->end)
    return parser_fail (P, P->text, 0, LS_DATA_ERROR_PARSE, "the file holds no JSON value");

  for (;;)
    {
      skip_whitespace (P);

      if (want_value)
        {
          const guchar *p = P->p;
          gsize index;

          if (P->depth > 0 && P->values[P->open[P->depth - 1].index].kind == LS_JSON_ARRAY)
            P->open[P->depth - 1].count++;

          if (p >= P->end)
            return parser_fail_unexpected (P, p, P->depth, "a value");

          switch (*p)
            {
            case '{':
            case '[':
              if (P->depth == LS_JSON_MAX_DEPTH)
                return parser_fail (P, p, P->depth, LS_DATA_ERROR_PARSE,
                                    "nested deeper than %d levels", LS_JSON_MAX_DEPTH);

              if ((index = parser_add (P, *p == '{' ? LS_JSON_OBJECT : LS_JSON_ARRAY, p)) == G_MAXSIZE)
                return FALSE;
              P->open[P->depth++] = (Open) { (guint32) index, 0, 0 };
              P->p++;
              skip_whitespace (P);

              if (P->p < P->end && *P->p == (*p == '{' ? '}' : ']'))
                {
                  if (!close_container (P))
                    return FALSE;
                  want_value = FALSE;
                }
              else if (*p == '{' && !parse_key (P))
                return FALSE;
              continue;

            case '"':
              if ((index = parser_add (P, LS_JSON_STRING, p)) == G_MAXSIZE ||
                  !parse_string (P, index, P->depth))
                return FALSE;
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if ((index = parser_add (P, LS_JSON_NUMBER, p)) == G_MAXSIZE ||
                  !parse_number (P, index))
                return FALSE;
              break;

            case 't':
              if ((index = parser_add (P, LS_JSON_BOOLEAN, p)) == G_MAXSIZE ||
                  !parse_literal (P, "true", 4))
                return FALSE;
              P->values[index].boolean = TRUE;
              break;

            case 'f':
              if ((index = parser_add (P, LS_JSON_BOOLEAN, p)) == G_MAXSIZE ||
                  !parse_literal (P, "false", 5))
                return FALSE;
              break;

            case 'n':
              if ((index = parser_add (P, LS_JSON_NULL, p)) == G_MAXSIZE ||
                  !parse_literal (P, "null", 4))
                return FALSE;
              break;

            default:
              return parser_fail_unexpected (P, p, P->depth,
                                             "a value (an object, array, string, number, true, false or null)");
            }

          want_value = FALSE;
        }
      else if (P->depth == 0)
        {
          if (P->p < P->end)
            return parser_fail_unexpected (P, P->p, 0, "the end of the text after the JSON value");
          return TRUE;
        }
      else
        {
          gboolean object = P->values[P->open[P->depth - 1].index].kind == LS_JSON_OBJECT;
          const char *expected = object ? "“,” or “}”" : "“,” or “]”";

          if (P->p >= P->end)
            return parser_fail (P, P->p, P->depth - 1, LS_DATA_ERROR_PARSE,
                                "the text ends inside %s", object ? "an object" : "an array");

          if (*P->p == ',')
            {
              P->p++;
              if (object && !parse_key (P))
                return FALSE;
              want_value = TRUE;
            }
          else if (*P->p == (object ? '}' : ']'))
            {
              if (!close_container (P))
                return FALSE;
            }
          else
            return parser_fail_unexpected (P, P->p, P->depth - 1, expected);
        }
    }
}

/* The path to where parsing stopped, through the first @depth open
 * containers. */
static char *
parser_error_path (Parser *P)
{
  GString *path = g_string_new ("$");

  for (guint k = 0; k < P->error_depth; k++)
    {
      const Open *open = &P->open[k];

      if (P->values[open->index].kind == LS_JSON_ARRAY)
        g_string_append_printf (path, "[%u]", open->count > 0 ? open->count - 1 : 0);
      else if (open->count > 0)
        g_string_append_printf (path, ".%s", P->values[open->key].string);
    }

  return g_string_free (path, FALSE);
}

/* The reader ----------------------------------------------------------- */

void
_ls_json_reader_free (LsJsonReader *self)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self->values);
  g_free (self->strings);
  g_free (self->filename);
  g_free (self);
}

/**
 * _ls_json_reader_new:
 * @bytes: the text, kept by the reader for positions
 * @filename: (nullable): what errors call the text
 *
 * Parses @bytes as one JSON value (RFC 8259) in UTF-8, refusing an
 * object that names a member twice.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with an
 *   LS_DATA_ERROR_PARSE (or _DUPLICATE) naming the file, line, column
 *   and the JSON path where the text goes wrong
 */
LsJsonReader *
_ls_json_reader_new (GBytes      *bytes,
                     const char  *filename,
                     GError     **error)
{
  g_autoptr(LsJsonReader) self = g_new0 (LsJsonReader, 1);
  Parser *P;
  gsize size;

  self->filename = g_strdup (filename != NULL ? filename : "<data>");
  self->bytes = g_bytes_ref (bytes);
  self->text = g_bytes_get_data (bytes, &size);
  self->size = size;

  /* Positions are 32-bit offsets. */
  if (size >= G_MAXUINT32)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file is too large", self->filename);
      return NULL;
    }

  if (size == 0)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file is empty", self->filename);
      return NULL;
    }

  P = g_new0 (Parser, 1);
  P->text = (const guchar *) self->text;
  P->p = P->text;
  P->end = P->text + size;
  P->huge = size >= HUGE_TEXT;
  /* A dataset has a value per seven bytes or so; grown when short. */
  P->capacity = MAX (16, size / 5);
  if (P->capacity <= G_MAXSIZE / sizeof (LsJsonValue))
    P->values = buffer_try_alloc (P->capacity * sizeof (LsJsonValue), P->huge);
  P->strings = buffer_try_alloc (size + 1, P->huge);

  if (P->values == NULL || P->strings == NULL)
    parser_fail (P, P->text, 0, LS_DATA_ERROR_PARSE, "not enough memory to read the file");
  else
    parse_document (P);

  if (P->error_message != NULL)
    {
      g_autofree char *path = parser_error_path (P);
      guint line, column;

      self->values = g_steal_pointer (&P->values);
      self->strings = g_steal_pointer (&P->strings);

      offset_to_position (self, P->error_at - P->text, &line, &column);
      g_set_error (error, LS_DATA_ERROR, P->error_code, "%s:%u:%u: %s: %s",
                   self->filename, line, column, path, P->error_message);
      g_free (P->error_message);
      g_free (P);
      return NULL;
    }

  self->values = g_steal_pointer (&P->values);
  self->strings = g_steal_pointer (&P->strings);
  g_free (P);

  return g_steal_pointer (&self);
}

const LsJsonValue *
_ls_json_reader_get_root (LsJsonReader *self)
{
  return self->values;
}

const char *
_ls_json_reader_get_filename (LsJsonReader *self)
{
  return self->filename;
}

void
_ls_json_reader_set_error_valist (LsJsonReader      *self,
                                  GError           **error,
                                  GQuark             domain,
                                  int                code,
                                  const LsJsonValue *value,
                                  const LsJsonPath  *path,
                                  const char        *format,
                                  va_list            args)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;

  if (error == NULL)
    return;

  message = g_strdup_vprintf (format, args);
  where = _ls_json_reader_describe_position (self, value, path);
  g_set_error (error, domain, code, "%s: %s", where, message);
}

void
_ls_json_reader_set_error (LsJsonReader      *self,
                           GError           **error,
                           const LsJsonValue *value,
                           const LsJsonPath  *path,
                           LsDataError        code,
                           const char        *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  _ls_json_reader_set_error_valist (self, error, LS_DATA_ERROR, code, value, path, format, args);
  va_end (args);
}

char *
_ls_json_reader_describe_position (LsJsonReader      *self,
                                   const LsJsonValue *value,
                                   const LsJsonPath  *path)
{
  g_autofree char *path_string = _ls_json_path_to_string (path);
  guint line, column;

  _ls_json_reader_get_position (self, value, &line, &column);

  return g_strdup_printf ("%s:%u:%u: %s", self->filename, line, column, path_string);
}

/* Reads @file whole; @name is what errors call it (its path, or its URI
 * where it has none). A failure is an LS_DATA_ERROR_IO naming the file. */
GBytes *
_ls_json_load_file (GFile         *file,
                    GCancellable  *cancellable,
                    char         **name,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  *name = g_file_get_path (file);
  if (*name == NULL)
    *name = g_file_get_uri (file);

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
    g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO, "%s: %s", *name, local_error->message);

  return bytes;
}

/**
 * _ls_json_read_bytes:
 * @bytes: the JSON text
 * @filename: (nullable): what errors call the text
 * @type: the GObject type to read
 * @load: reads the parsed document into a new object of @type
 * @error: return location for a #LsDataError
 *
 * The one reading path of the dataset, scenario and calibration files:
 * parse, then let @load check and keep what the document says.
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL with
 *   @error naming file, line, column and JSON path
 */
gpointer
_ls_json_read_bytes (GBytes          *bytes,
                     const char      *filename,
                     GType            type,
                     LsJsonLoadFunc   load,
                     GError         **error)
{
  g_autoptr(LsJsonReader) reader = NULL;
  g_autoptr(GObject) object = NULL;

  if (!(reader = _ls_json_reader_new (bytes, filename, error)))
    return NULL;

  object = g_object_new (type, NULL);
  if (!load (object, reader, error))
    return NULL;

  return g_steal_pointer (&object);
}

/**
 * _ls_json_read_file:
 *
 * _ls_json_read_bytes() on the contents of @file, which errors call by
 * its path (or its URI where it has none).
 *
 * Returns: (transfer full) (nullable): the new object
 */
gpointer
_ls_json_read_file (GFile           *file,
                    GCancellable    *cancellable,
                    GType            type,
                    LsJsonLoadFunc   load,
                    GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  if (!(bytes = _ls_json_load_file (file, cancellable, &name, error)))
    return NULL;

  return _ls_json_read_bytes (bytes, name, type, load, error);
}

/* Values --------------------------------------------------------------- */

/**
 * _ls_json_get:
 * @object: (nullable): a value
 *
 * Returns: (nullable): the member @name of @object, or %NULL when it has
 *   none or is not an object
 */
const LsJsonValue *
_ls_json_get (const LsJsonValue *object,
              const char        *name)
{
  const LsJsonValue *key;
  gsize length;

  if (object == NULL || object->kind != LS_JSON_OBJECT)
    return NULL;

  length = strlen (name);
  key = object + 1;

  /* Objects of our formats have a handful of members: a scan beats a
   * hash table built for each. */
  for (guint32 i = 0; i < object->length; i++)
    {
      const LsJsonValue *value = key + 1;

      if (key->size == length && key->string[0] == name[0] &&
          memcmp (key->string, name, length) == 0)
        return value;

      key = _ls_json_next (value);
    }

  return NULL;
}

const char *
_ls_json_describe (const LsJsonValue *value)
{
  if (value == NULL)
    return "nothing";

  switch ((LsJsonKind) value->kind)
    {
    case LS_JSON_OBJECT:
      return "an object";
    case LS_JSON_ARRAY:
      return "an array";
    case LS_JSON_NULL:
      return "null";
    case LS_JSON_STRING:
      return "a string";
    case LS_JSON_BOOLEAN:
      return "a boolean";
    case LS_JSON_NUMBER:
      return "a number";
    default:
      return "a value";
    }
}

const char *
_ls_json_describe_node (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value";
    }
}

const LsJsonValue *
_ls_json_object (LsJsonReader       *self,
                 const LsJsonValue  *value,
                 const LsJsonPath   *path,
                 GError            **error)
{
  if (!_ls_json_is (value, LS_JSON_OBJECT))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected an object, found %s", _ls_json_describe (value));
      return NULL;
    }

  return value;
}

const LsJsonValue *
_ls_json_array (LsJsonReader       *self,
                const LsJsonValue  *value,
                const LsJsonPath   *path,
                GError            **error)
{
  if (!_ls_json_is (value, LS_JSON_ARRAY))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected an array, found %s", _ls_json_describe (value));
      return NULL;
    }

  return value;
}

/* Returns the member, or NULL: with an error when it is required (or the
 * parent is not an object), without one when it is optional and absent. */
const LsJsonValue *
_ls_json_member (LsJsonReader       *self,
                 const LsJsonValue  *object,
                 const LsJsonPath   *path,
                 const char         *name,
                 gboolean            required,
                 GError            **error)
{
  const LsJsonValue *member;

  if (!_ls_json_object (self, object, path, error))
    return NULL;

  member = _ls_json_get (object, name);

  if (member == NULL && required)
    _ls_json_reader_set_error (self, error, object, path, LS_DATA_ERROR_MISSING,
                               "required member “%s” is missing", name);

  return member;
}

gboolean
_ls_json_string (LsJsonReader       *self,
                 const LsJsonValue  *value,
                 const LsJsonPath   *path,
                 const char        **string,
                 GError            **error)
{
  if (!_ls_json_is (value, LS_JSON_STRING))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected a string, found %s", _ls_json_describe (value));
      return FALSE;
    }

  /* Read as a C string it would end early, silently. */
  if (value->has_nul)
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_VALUE,
                                 "the string holds the character U+0000");
      return FALSE;
    }

  *string = value->string;
  return TRUE;
}

gboolean
_ls_json_number (LsJsonReader       *self,
                 const LsJsonValue  *value,
                 const LsJsonPath   *path,
                 double              min,
                 double              max,
                 double             *number,
                 GError            **error)
{
  double v;

  if (!_ls_json_is (value, LS_JSON_NUMBER))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected a number, found %s", _ls_json_describe (value));
      return FALSE;
    }

  v = _ls_json_get_double (value);

  if (!isfinite (v))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_VALUE,
                                 "the number is not finite");
      return FALSE;
    }

  if (v < min && min == 0.0)
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_VALUE,
                                 "must not be negative (found %g)", v);
      return FALSE;
    }

  if (v < min || v > max)
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_VALUE,
                                 "must be between %g and %g (found %g)", min, max, v);
      return FALSE;
    }

  *number = v;
  return TRUE;
}

gboolean
_ls_json_integer (LsJsonReader       *self,
                  const LsJsonValue  *value,
                  const LsJsonPath   *path,
                  gint64             *integer,
                  GError            **error)
{
  if (!_ls_json_is (value, LS_JSON_NUMBER) || !value->is_integer)
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected a whole number, found %s", _ls_json_describe (value));
      return FALSE;
    }

  *integer = value->integer;
  return TRUE;
}

gboolean
_ls_json_boolean (LsJsonReader       *self,
                  const LsJsonValue  *value,
                  const LsJsonPath   *path,
                  gboolean           *boolean,
                  GError            **error)
{
  if (!_ls_json_is (value, LS_JSON_BOOLEAN))
    {
      _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_TYPE,
                                 "expected true or false, found %s", _ls_json_describe (value));
      return FALSE;
    }

  *boolean = value->boolean;
  return TRUE;
}

/* Country ids are ISO 3166-1 alpha-3; other ids are lower-case words
 * joined by hyphens, so they can appear in file names and actions. */
gboolean
_ls_json_check_id (LsJsonReader       *self,
                   const LsJsonValue  *value,
                   const LsJsonPath   *path,
                   const char         *id,
                   gboolean            iso3,
                   GError            **error)
{
  gboolean ok = id[0] != '\0';

  if (iso3)
    ok = strlen (id) == 3 && g_ascii_isupper (id[0]) && g_ascii_isupper (id[1]) && g_ascii_isupper (id[2]);
  else
    for (const char *c = id; *c != '\0' && ok; c++)
      ok = g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-';

  if (!ok)
    _ls_json_reader_set_error (self, error, value, path, LS_DATA_ERROR_VALUE,
                               iso3 ? "“%s” is not an ISO 3166-1 alpha-3 code"
                                    : "“%s” is not a valid id (lower-case letters, digits and hyphens)",
                               id);

  return ok;
}

/**
 * _ls_json_localized:
 * @member: the name of an optional object {LANGUAGE: string}, e.g. "names"
 * @string: (out): the string for the first of the user's languages it
 *   has, or unchanged when it has none
 *
 * Names and descriptions are data, not program text, so their
 * translations live beside them (data/README.md).
 */
gboolean
_ls_json_localized (LsJsonReader       *self,
                    const LsJsonValue  *object,
                    const LsJsonPath   *path,
                    const char         *member,
                    const char        **string,
                    GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, member);
  const char * const *languages = g_get_language_names ();
  const LsJsonValue *value;
  const LsJsonValue *key;

  if (!(value = _ls_json_get (object, member)))
    return TRUE;

  if (!_ls_json_object (self, value, &member_path, error))
    return FALSE;

  key = _ls_json_first (value);
  for (guint32 i = 0; i < value->length; i++, key = _ls_json_next (key + 1))
    {
      LsJsonPath element_path = _ls_json_path_member (&member_path, key->string);
      const char *str;

      if (!_ls_json_string (self, key + 1, &element_path, &str, error))
        return FALSE;
    }

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const LsJsonValue *element = _ls_json_get (value, languages[i]);

      if (element != NULL)
        {
          *string = element->string;
          break;
        }
    }

  return TRUE;
}

/**
 * _ls_json_check_header:
 * @format: the "format" the document must have, e.g. "lodestone-dataset"
 * @version: the "version" this build reads
 *
 * Checks that the root is an object of the expected format and version:
 * the first thing every Lodestone file says about itself.
 */
gboolean
_ls_json_check_header (LsJsonReader  *self,
                       const char    *format,
                       gint64         version,
                       GError       **error)
{
  const LsJsonValue *root = _ls_json_reader_get_root (self);
  const LsJsonPath path = LS_JSON_PATH_ROOT;
  const LsJsonPath format_path = _ls_json_path_member (&path, "format");
  const LsJsonPath version_path = _ls_json_path_member (&path, "version");
  const LsJsonValue *member;
  const char *found;
  gint64 found_version;

  if (!_ls_json_object (self, root, &path, error) ||
      !(member = _ls_json_member (self, root, &path, "format", TRUE, error)) ||
      !_ls_json_string (self, member, &format_path, &found, error))
    return FALSE;

  if (!g_str_equal (found, format))
    {
      _ls_json_reader_set_error (self, error, member, &format_path, LS_DATA_ERROR_VALUE,
                                 "expected “%s”, found “%s”", format, found);
      return FALSE;
    }

  if (!(member = _ls_json_member (self, root, &path, "version", TRUE, error)) ||
      !_ls_json_integer (self, member, &version_path, &found_version, error))
    return FALSE;

  if (found_version != version)
    {
      _ls_json_reader_set_error (self, error, member, &version_path, LS_DATA_ERROR_VALUE,
                                 "version %" G_GINT64_FORMAT " is not supported (this build reads %"
                                 G_GINT64_FORMAT ")", found_version, version);
      return FALSE;
    }

  return TRUE;
}
