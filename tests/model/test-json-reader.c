/* test-json-reader.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON reader every loader shares (RFC 8259): what it accepts, what
 * it refuses, and where it says a text goes wrong. */

#include <math.h>
#include <string.h>

#include "ls-json-reader-private.h"

static LsJsonReader *
parse_len (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return _ls_json_reader_new (bytes, "t.json", error);
}

static LsJsonReader *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  LsJsonReader *reader = parse_len (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Fails to parse @length bytes of @text with @code; returns the message. */
static char *
parse_error_len (const char *text,
                 gsize       length,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsJsonReader) reader = parse_len (text, length, &error);

  g_assert_null (reader);
  g_assert_error (error, LS_DATA_ERROR, code);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

static char *
parse_error (const char *text)
{
  return parse_error_len (text, strlen (text), LS_DATA_ERROR_PARSE);
}

/* "t.json:LINE:COLUMN: PATH: " starts @message. */
static void
assert_where (const char *message,
              guint       line,
              guint       column,
              const char *path)
{
  g_autofree char *prefix = g_strdup_printf ("t.json:%u:%u: %s: ", line, column, path);

  if (!g_str_has_prefix (message, prefix))
    g_error ("“%s” does not start with “%s”", message, prefix);
}

/* The string that is the whole document @text. */
static char *
parse_string (const char *text)
{
  g_autoptr(LsJsonReader) reader = parse (text);
  const LsJsonValue *root = _ls_json_reader_get_root (reader);

  g_assert_cmpint (root->kind, ==, LS_JSON_STRING);
  g_assert_cmpuint (root->size, ==, strlen (root->string));
  return g_strdup (root->string);
}

static void
test_escapes (void)
{
  static const struct { const char *json; const char *expected; } cases[] = {
    { "\"plain\"", "plain" },
    { "\"\"", "" },
    { "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t" },
    { "\"\\u0041\\u00e9\\u20AC\"", "Aé€" },
    { "\"a\\u0009b\"", "a\tb" },
    { "\"é € 한국\"", "é € 한국" },
    { "\"\x7f\"", "\x7f" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = parse_string (cases[i].json);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_bad_escapes (void)
{
  static const char *cases[] = {
    "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"\\'\"", "\"\\\xc3\xa9\"",
  };
  g_autofree char *unclosed = parse_error ("\"\\\"");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_error (cases[i]);

      assert_where (message, 1, 2, "$");
    }

  /* An escaped quote does not end the string. */
  assert_where (unclosed, 1, 4, "$");
  g_assert_nonnull (strstr (unclosed, "ends inside a string"));
}

/* Outside the Basic Multilingual Plane, characters come as surrogate
 * pairs; a half pair is not a character. */
static void
test_surrogates (void)
{
  static const char *bad[] = {
    "\"\\uD83D\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\uDE00\"",
    "\"\\uDBFF\\uDBFF\"", "\"\\uD800\\",
  };
  g_autofree char *emoji = parse_string ("\"\\uD83D\\uDE00\"");
  g_autofree char *last = parse_string ("\"\\uDBFF\\uDFFF\"");

  g_assert_cmpstr (emoji, ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (last, ==, "\xf4\x8f\xbf\xbf");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = parse_error (bad[i]);

      assert_where (message, 1, 2, "$");
    }
}

/* U+0000 is a character of JSON strings but ends a C string: the reader
 * keeps it, and refuses the string where a C string is asked for. */
static void
test_nul (void)
{
  g_autoptr(LsJsonReader) reader = parse ("{\"a\": \"x\\u0000y\", \"a\\u0000\": 1, \"a\\u0000b\": 2}");
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonValue *a = _ls_json_get (root, "a");
  const LsJsonPath root_path = LS_JSON_PATH_ROOT;
  const LsJsonPath a_path = _ls_json_path_member (&root_path, "a");
  g_autoptr(GError) error = NULL;
  const char *str = NULL;

  g_assert_cmpuint (root->length, ==, 3);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->size, ==, 3);
  g_assert_true (a->has_nul);
  g_assert_cmpmem (a->string, 3, "x\0y", 3);

  g_assert_false (_ls_json_string (reader, a, &a_path, &str, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_assert_null (str);
}

static double
number (const char *text)
{
  g_autoptr(LsJsonReader) reader = parse (text);
  const LsJsonValue *root = _ls_json_reader_get_root (reader);

  g_assert_cmpint (root->kind, ==, LS_JSON_NUMBER);
  return _ls_json_get_double (root);
}

static void
assert_same_double (double got,
                    double expected)
{
  if (memcmp (&got, &expected, sizeof (double)) != 0)
    g_error ("%.17g is not %.17g", got, expected);
}

static void
test_integers (void)
{
  static const struct { const char *json; gint64 value; } cases[] = {
    { "0", 0 }, { "-0", 0 }, { "7", 7 }, { "-42", -42 }, { "2024", 2024 },
    { "9223372036854775807", G_MAXINT64 }, { "-9223372036854775808", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LsJsonReader) reader = parse (cases[i].json);
      const LsJsonValue *root = _ls_json_reader_get_root (reader);

      g_assert_cmpint (root->kind, ==, LS_JSON_NUMBER);
      g_assert_true (root->is_integer);
      g_assert_cmpint (root->integer, ==, cases[i].value);
    }

  /* Past a gint64, or written with a fraction or an exponent: a number,
   * not a whole number. */
  {
    static const char *not_integers[] = { "9223372036854775808", "-9223372036854775809",
                                          "123456789012345678901234", "1.0", "1e2", "2024.5" };

    for (guint i = 0; i < G_N_ELEMENTS (not_integers); i++)
      {
        g_autoptr(LsJsonReader) reader = parse (not_integers[i]);
        const LsJsonValue *root = _ls_json_reader_get_root (reader);

        g_assert_cmpint (root->kind, ==, LS_JSON_NUMBER);
        g_assert_false (root->is_integer);
        assert_same_double (root->number, g_ascii_strtod (not_integers[i], NULL));
      }
  }
}

/* Every number reads as the C library reads the same text: correctly
 * rounded, whichever path the reader takes. */
static void
test_numbers (void)
{
  static const char *cases[] = {
    "0.1", "-0.5", "3.14159", "1e2", "1E-2", "2.5e+3", "0.000123", "1.7976931348623157e308",
    "5e-324", "4.9406564584124654e-324", "2.2250738585072014e-308", "0.30000000000000004",
    "9007199254740993", "9007199254740993.0", "123456789012345678", "1234.5678901234567",
    "1e22", "1e23", "1e-22", "1e-23", "8.589973e9", "0.1e-1", "100000000000000000000000",
    "-0.0", "1.00000000000000000000000000001",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_double (number (cases[i]), g_ascii_strtod (cases[i], NULL));

  g_assert_true (signbit (number ("-0.0")));

  for (guint i = 0; i < 5000; i++)
    {
      char text[64];
      guint digits = g_rand_int_range (rand, 1, 20);
      guint point = g_rand_int_range (rand, 0, digits);
      int exponent = g_rand_int_range (rand, -30, 31);
      guint n = 0;

      if (g_rand_boolean (rand))
        text[n++] = '-';
      for (guint d = 0; d < digits; d++)
        {
          if (d == point && d > 0)
            text[n++] = '.';
          text[n++] = (d == 0 ? '1' : '0') + g_rand_int_range (rand, 0, d == 0 ? 9 : 10);
        }
      g_snprintf (text + n, sizeof text - n, "e%d", exponent);

      assert_same_double (number (text), g_ascii_strtod (text, NULL));
    }

  /* Overflow gives infinity, for the loaders to refuse as not finite. */
  g_assert_true (isinf (number ("1e999")));
  g_assert_cmpfloat (number ("1e-999"), ==, 0.0);
}

static void
test_bad_numbers (void)
{
  static const char *cases[] = {
    "01", "-", "-a", "1.", ".5", "+1", "1e", "1e+", "0x10", "1.2.3", "NaN", "Infinity",
    "-Infinity", "1x", "2-3", "00", "-01", "1.e5", "[1,]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_error (cases[i]);

      g_assert_true (g_str_has_prefix (message, "t.json:1:"));
    }
}

static void
test_literals (void)
{
  g_autoptr(LsJsonReader) reader = parse ("[true, false, null]");
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonValue *element = _ls_json_first (root);

  g_assert_cmpint (root->kind, ==, LS_JSON_ARRAY);
  g_assert_cmpuint (root->length, ==, 3);
  g_assert_cmpint (element->kind, ==, LS_JSON_BOOLEAN);
  g_assert_true (element->boolean);
  element = _ls_json_next (element);
  g_assert_cmpint (element->kind, ==, LS_JSON_BOOLEAN);
  g_assert_false (element->boolean);
  element = _ls_json_next (element);
  g_assert_cmpint (element->kind, ==, LS_JSON_NULL);

  {
    static const char *bad[] = { "tru", "nul", "True", "nulls", "falsey", "[true false]" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      g_free (parse_error (bad[i]));
  }
}

/* Navigation steps over a value and everything in it. */
static void
test_structure (void)
{
  g_autoptr(LsJsonReader) reader = parse ("{\"a\": [1, [2, {\"x\": []}], {}], \"b\": {\"c\": \"d\"}, \"e\": 3}");
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonValue *a = _ls_json_get (root, "a");
  const LsJsonValue *element;

  g_assert_cmpuint (root->length, ==, 3);
  g_assert_cmpuint (a->length, ==, 3);
  element = _ls_json_next (_ls_json_first (a));
  g_assert_cmpint (element->kind, ==, LS_JSON_ARRAY);
  g_assert_cmpuint (element->length, ==, 2);
  element = _ls_json_next (element);
  g_assert_cmpint (element->kind, ==, LS_JSON_OBJECT);
  g_assert_null (_ls_json_first (element));

  g_assert_cmpstr (_ls_json_get (_ls_json_get (root, "b"), "c")->string, ==, "d");
  g_assert_cmpint (_ls_json_get (root, "e")->integer, ==, 3);
  g_assert_null (_ls_json_get (root, "f"));
  g_assert_null (_ls_json_get (a, "a"));
  g_assert_null (_ls_json_get (NULL, "a"));
  g_assert_cmpstr (_ls_json_describe (a), ==, "an array");
  g_assert_cmpstr (_ls_json_describe (NULL), ==, "nothing");
}

static void
test_paths (void)
{
  const LsJsonPath root = LS_JSON_PATH_ROOT;
  const LsJsonPath years = _ls_json_path_member (&root, "years");
  const LsJsonPath year = _ls_json_path_element (&years, 3);
  const LsJsonPath value = _ls_json_path_member (&year, "value");
  g_autofree char *root_string = _ls_json_path_to_string (&root);
  g_autofree char *value_string = _ls_json_path_to_string (&value);

  g_assert_cmpstr (root_string, ==, "$");
  g_assert_cmpstr (value_string, ==, "$.years[3].value");
}

/* Nesting is limited, and a text nested beyond it fails, however deep. */
static void
test_depth (void)
{
  guint depths[] = { LS_JSON_MAX_DEPTH + 1, 100000 };
  g_autofree char *open = g_strnfill (LS_JSON_MAX_DEPTH, '[');
  g_autofree char *close = g_strnfill (LS_JSON_MAX_DEPTH, ']');
  g_autofree char *deepest = g_strconcat (open, "1", close, NULL);
  g_autoptr(LsJsonReader) reader = parse (deepest);
  const LsJsonValue *value = _ls_json_reader_get_root (reader);
  g_autoptr(GString) path = g_string_new ("$");

  for (guint i = 0; i < LS_JSON_MAX_DEPTH; i++)
    {
      g_assert_cmpint (value->kind, ==, LS_JSON_ARRAY);
      value = _ls_json_first (value);
      g_string_append (path, "[0]");
    }
  g_assert_cmpint (value->kind, ==, LS_JSON_NUMBER);

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autofree char *deep = g_strnfill (depths[i], '[');
      g_autofree char *message = parse_error (deep);

      g_assert_nonnull (strstr (message, "nested deeper than"));
      assert_where (message, 1, LS_JSON_MAX_DEPTH + 1, path->str);
    }
}

/* Every prefix of a document is an error with a position inside it. */
static void
test_truncation (void)
{
  static const char text[] = "{\"a\": [1, 2.5e3, \"x\\u00e9\", true, null],\n \"b\": {\"c\": -0.5}}";
  g_autoptr(LsJsonReader) whole = parse (text);

  g_assert_cmpuint (_ls_json_reader_get_root (whole)->length, ==, 2);

  for (gsize n = 0; n < strlen (text); n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LsJsonReader) reader = parse_len (text, n, &error);

      g_assert_null (reader);
      g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, n > 0 && n >= (gsize) (strchr (text, '\n') - text + 1)
                                                       ? "t.json:2:" : "t.json:1:"));
    }

  {
    g_autofree char *message = parse_error ("{\"a\": [1, 2");

    assert_where (message, 1, 12, "$.a");
    g_assert_nonnull (strstr (message, "the text ends inside an array"));
  }
}

/* RFC 3629: overlong forms, surrogates, code points past U+10FFFF, stray
 * continuation bytes and cut sequences are not UTF-8. */
static void
test_bad_utf8 (void)
{
  static const char *cases[] = {
    "\"a\xff\"", "\"a\xc0\x80\"", "\"a\xc1\xbf\"", "\"a\xe0\x80\xaf\"", "\"a\xed\xa0\x80\"",
    "\"a\xf4\x90\x80\x80\"", "\"a\xf5\x80\x80\x80\"", "\"a\x80\"", "\"a\xe2\x82\"", "\"a\xf0\x9f\x98\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_error (cases[i]);

      assert_where (message, 1, 3, "$");
      g_assert_nonnull (strstr (message, "not UTF-8"));
    }

  /* Outside a string too, and a bad byte after good characters is
   * placed by characters, not bytes. */
  {
    g_autofree char *message = parse_error ("[\"é€\", \xff]");

    assert_where (message, 1, 8, "$[1]");
    g_assert_nonnull (strstr (message, "not UTF-8"));
  }
}

static void
test_control_characters (void)
{
  g_autofree char *newline = parse_error ("{\"a\": \"one\ntwo\"}");
  g_autofree char *nul = parse_error_len ("[\"a\0\"]", 6, LS_DATA_ERROR_PARSE);
  g_autofree char *outside = parse_error_len ("[1,\0 2]", 7, LS_DATA_ERROR_PARSE);

  assert_where (newline, 1, 11, "$.a");
  assert_where (nul, 1, 4, "$[0]");
  assert_where (outside, 1, 4, "$[1]");
}

/* Where a text goes wrong, by line and column in characters, with the
 * path to the value being read. */
static void
test_error_positions (void)
{
  g_autofree char *comma = parse_error ("{\"sources\": [1,\n  2,,\n  3]}");
  g_autofree char *colon = parse_error ("{\"a\": 1,\n \"é\" 2}");
  g_autofree char *key = parse_error ("{\"a\": {\"b\": 1, 2}}");
  g_autofree char *close = parse_error ("{\"a\": [1 2]}");
  g_autofree char *after = parse_error ("{} {}");
  g_autofree char *empty = parse_error_len ("", 0, LS_DATA_ERROR_PARSE);
  g_autofree char *blank = parse_error (" \n\t ");
  g_autofree char *bom = parse_error ("\xef\xbb\xbf{}");

  assert_where (comma, 2, 5, "$.sources[2]");
  assert_where (colon, 2, 6, "$.é");
  assert_where (key, 1, 16, "$.a");
  assert_where (close, 1, 10, "$.a");
  assert_where (after, 1, 4, "$");
  assert_where (empty, 1, 1, "$");
  g_assert_nonnull (strstr (empty, "empty"));
  assert_where (blank, 1, 1, "$");
  g_assert_nonnull (strstr (blank, "no JSON value"));
  assert_where (bom, 1, 1, "$");
}

/* A member named twice is refused, at the second name, in the object's
 * own path; small objects and large are checked alike. */
static void
test_duplicate_members (void)
{
  g_autofree char *flat = parse_error_len ("{\"a\": 1,\n \"a\": 2}", 17, LS_DATA_ERROR_DUPLICATE);
  g_autofree char *nested = parse_error_len ("{\"x\": [{\"b\": 1, \"c\": {}, \"b\": 2}]}", 34,
                                             LS_DATA_ERROR_DUPLICATE);
  static const char nul_text[] = "{\"a\\u0000b\": 1, \"a\\u0000b\": 2}";
  g_autofree char *nul = parse_error_len (nul_text, strlen (nul_text), LS_DATA_ERROR_DUPLICATE);
  g_autoptr(GString) large = g_string_new ("{");
  g_autoptr(LsJsonReader) distinct = parse ("{\"a\\u0000b\": 1, \"a\\u0000c\": 2, \"a\": 3}");

  assert_where (flat, 2, 2, "$");
  g_assert_nonnull (strstr (flat, "member “a” is given twice in one object"));
  assert_where (nested, 1, 26, "$.x[0]");

  g_assert_nonnull (strstr (nul, "is given twice"));
  g_assert_cmpuint (_ls_json_reader_get_root (distinct)->length, ==, 3);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (large, "\"m%u\": %u, ", i, i);
  {
    g_autoptr(GString) ok = g_string_new (large->str);
    g_autoptr(LsJsonReader) reader = NULL;

    g_string_append (ok, "\"last\": 0}");
    reader = parse (ok->str);
    g_assert_cmpuint (_ls_json_reader_get_root (reader)->length, ==, 41);
    g_assert_cmpint (_ls_json_get (_ls_json_reader_get_root (reader), "m39")->integer, ==, 39);
  }
  g_string_append (large, "\"m17\": 0}");
  g_free (parse_error_len (large->str, large->len, LS_DATA_ERROR_DUPLICATE));
}

/* Values know where they start, for errors the loaders find later. */
static void
test_value_positions (void)
{
  g_autoptr(LsJsonReader) reader = parse ("{\"a\": 1,\n  \"b\": [true,\n   \"ü\", {}]}");
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonValue *b = _ls_json_get (root, "b");
  const LsJsonValue *last = _ls_json_next (_ls_json_next (_ls_json_first (b)));
  const LsJsonPath root_path = LS_JSON_PATH_ROOT;
  const LsJsonPath b_path = _ls_json_path_member (&root_path, "b");
  const LsJsonPath last_path = _ls_json_path_element (&b_path, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  guint line, column;

  _ls_json_reader_get_position (reader, root, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  _ls_json_reader_get_position (reader, b, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 8);
  _ls_json_reader_get_position (reader, last, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 9);

  where = _ls_json_reader_describe_position (reader, last, &last_path);
  g_assert_cmpstr (where, ==, "t.json:3:9: $.b[2]");

  _ls_json_reader_set_error (reader, &error, last, &last_path, LS_DATA_ERROR_TYPE, "odd %d", 1);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "t.json:3:9: $.b[2]: odd 1");
}

/* Checked reading names what it found. */
static void
test_checked_reading (void)
{
  g_autoptr(LsJsonReader) reader = parse ("{\"n\": 1.5, \"i\": 7, \"s\": \"x\", \"t\": true, \"o\": {}, \"z\": null}");
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonPath root_path = LS_JSON_PATH_ROOT;
  const LsJsonPath n_path = _ls_json_path_member (&root_path, "n");
  g_autoptr(GError) error = NULL;
  double number = 0.0;
  gint64 integer = 0;
  gboolean boolean = FALSE;
  const char *string = NULL;

  g_assert_true (_ls_json_number (reader, _ls_json_get (root, "n"), &n_path, 0.0, 2.0, &number, &error));
  g_assert_cmpfloat (number, ==, 1.5);
  g_assert_true (_ls_json_number (reader, _ls_json_get (root, "i"), &n_path, 0.0, 10.0, &number, &error));
  g_assert_cmpfloat (number, ==, 7.0);
  g_assert_true (_ls_json_integer (reader, _ls_json_get (root, "i"), &n_path, &integer, &error));
  g_assert_cmpint (integer, ==, 7);
  g_assert_true (_ls_json_string (reader, _ls_json_get (root, "s"), &n_path, &string, &error));
  g_assert_cmpstr (string, ==, "x");
  g_assert_true (_ls_json_boolean (reader, _ls_json_get (root, "t"), &n_path, &boolean, &error));
  g_assert_true (boolean);
  g_assert_nonnull (_ls_json_object (reader, _ls_json_get (root, "o"), &n_path, &error));
  g_assert_no_error (error);

  g_assert_false (_ls_json_integer (reader, _ls_json_get (root, "n"), &n_path, &integer, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "$.n: expected a whole number, found a number"));
  g_clear_error (&error);

  g_assert_false (_ls_json_number (reader, _ls_json_get (root, "n"), &n_path, 0.0, 1.0, &number, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_clear_error (&error);

  g_assert_false (_ls_json_string (reader, _ls_json_get (root, "z"), &n_path, &string, &error));
  g_assert_nonnull (strstr (error->message, "expected a string, found null"));
  g_clear_error (&error);

  g_assert_null (_ls_json_member (reader, root, &root_path, "q", TRUE, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_null (_ls_json_member (reader, root, &root_path, "q", FALSE, &error));
  g_assert_no_error (error);

  g_assert_null (_ls_json_array (reader, root, &root_path, &error));
  g_assert_nonnull (strstr (error->message, "t.json:1:1: $: expected an array, found an object"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/json-reader/escapes", test_escapes);
  g_test_add_func ("/lodestone/model/json-reader/bad-escapes", test_bad_escapes);
  g_test_add_func ("/lodestone/model/json-reader/surrogates", test_surrogates);
  g_test_add_func ("/lodestone/model/json-reader/nul", test_nul);
  g_test_add_func ("/lodestone/model/json-reader/integers", test_integers);
  g_test_add_func ("/lodestone/model/json-reader/numbers", test_numbers);
  g_test_add_func ("/lodestone/model/json-reader/bad-numbers", test_bad_numbers);
  g_test_add_func ("/lodestone/model/json-reader/literals", test_literals);
  g_test_add_func ("/lodestone/model/json-reader/structure", test_structure);
  g_test_add_func ("/lodestone/model/json-reader/paths", test_paths);
  g_test_add_func ("/lodestone/model/json-reader/depth", test_depth);
  g_test_add_func ("/lodestone/model/json-reader/truncation", test_truncation);
  g_test_add_func ("/lodestone/model/json-reader/bad-utf8", test_bad_utf8);
  g_test_add_func ("/lodestone/model/json-reader/control-characters", test_control_characters);
  g_test_add_func ("/lodestone/model/json-reader/error-positions", test_error_positions);
  g_test_add_func ("/lodestone/model/json-reader/duplicate-members", test_duplicate_members);
  g_test_add_func ("/lodestone/model/json-reader/value-positions", test_value_positions);
  g_test_add_func ("/lodestone/model/json-reader/checked-reading", test_checked_reading);

  return g_test_run ();
}
