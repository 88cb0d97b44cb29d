/* test-save.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving a scenario when the file system says no: a read-only folder, a
 * full disk, a file replaced while it is read or written. Each gives an
 * LS_DATA_ERROR_IO that names the file and says what went wrong, and
 * leaves the old file as it was, with no temporary file beside it.
 *
 * A full disk is made with RLIMIT_FSIZE: with SIGXFSZ ignored, a write
 * past the limit fails with EFBIG the way one on a full disk fails with
 * ENOSPC, at the same point (part way through the data), for any
 * unprivileged user and on any file system. A loop device or a small
 * tmpfs would need root and a mount; /dev/full cannot stand for the
 * destination, because a save replaces its file with a new regular file,
 * and GLib refuses to replace a device ("not a regular file") before it
 * writes anything.
 *
 * A read-only folder is a folder without write permission. Root ignores
 * permissions (CAP_DAC_OVERRIDE), and CI runs as root, so the test drops
 * those capabilities from its effective set while it saves: something
 * any process may do, and undo, unprivileged. */

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

#include "ls-scenario.h"

/* Test helpers ------------------------------------------------------------ */

static LsScenario *
scenario_named (const char *name,
                guint       n_changes)
{
  LsScenario *scenario = ls_scenario_new ();

  ls_scenario_set_name (scenario, name);
  ls_scenario_set_description (scenario, "A scenario for the saving tests");
  ls_scenario_set_year (scenario, 2024);
  ls_scenario_set_friend_shoring (scenario, 0.25);
  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(LsCapacityChange) change = ls_capacity_change_new ("separation", "KOR",
                                                                   1000 + i, "a new line");

      ls_scenario_add_capacity_change (scenario, change);
    }

  return scenario;
}

typedef struct
{
  char       *dir;
  char       *path;
  GFile      *file;
  LsScenario *old;
  char       *old_text;
  gsize       old_length;
} Fixture;

/* A temporary folder holding s.json, saved from a small scenario. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lodestone-save-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "s.json", NULL);
  f->file = g_file_new_for_path (f->path);
  f->old = scenario_named ("Old", 1);

  g_assert_true (ls_scenario_save_to_file (f->old, f->file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &f->old_text, &f->old_length, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_chmod (f->dir, 0700);
  listing = g_dir_open (f->dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);

  g_assert_finalize_object (f->old);
  g_object_unref (f->file);
  g_free (f->old_text);
  g_free (f->path);
  g_free (f->dir);
}

/* The old file is there, byte for byte, and nothing else is: a failed save
 * removes its temporary file. */
static void
assert_old_file_intact (Fixture *f)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(LsScenario) back = NULL;
  gsize length;
  const char *name;
  guint n_files = 0;

  g_assert_true (g_file_get_contents (f->path, &text, &length, NULL));
  g_assert_cmpmem (text, length, f->old_text, f->old_length);

  back = ls_scenario_new_from_file (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_scenario_equal (back, f->old));

  listing = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (strcmp (name, "s.json") != 0)
        g_error ("a failed save left “%s” behind", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
}

/* The error is ours, names the file, and carries the system's reason. */
static void
assert_clear_error (const GError *error,
                    const char   *path,
                    const char   *reason)
{
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, reason) == NULL)
    g_error ("“%s” does not name %s and say “%s”", error->message, path, reason);
}

/* Effective capabilities that let root write where permissions say no. */
#ifdef __linux__
static const int override_caps[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER };

static void
set_override_caps (gboolean enabled)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

  g_assert_cmpint (syscall (SYS_capget, &header, caps), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (override_caps); i++)
    {
      guint32 bit = 1u << (override_caps[i] % 32);
      guint word = override_caps[i] / 32;

      /* Only what the permitted set holds can be raised again. */
      if (enabled)
        caps[word].effective |= caps[word].permitted & bit;
      else
        caps[word].effective &= ~bit;
    }
  g_assert_cmpint (syscall (SYS_capset, &header, caps), ==, 0);
}
#else
static void
set_override_caps (gboolean enabled)
{
}
#endif

/* Whether this process can create a file in @dir; a probe, because
 * access() answers for the real user id and root's full capabilities. */
static gboolean
can_create_in (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  int fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0600);

  if (fd < 0)
    return FALSE;
  close (fd);
  g_remove (probe);
  return TRUE;
}

/* Tests --------------------------------------------------------------------- */

/* Over an existing file, and as a new file, in a folder without write
 * permission. The file itself stays writable: a save that rewrote it in
 * place, instead of replacing it, would succeed here and is not wanted. */
static void
test_save_read_only_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LsScenario) new = scenario_named ("New", 3);
  g_autofree char *other_path = g_build_filename (f->dir, "other.json", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other_error = NULL;
  gboolean saved, saved_other, writable;

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  set_override_caps (FALSE);
  writable = can_create_in (f->dir);
  saved = ls_scenario_save_to_file (new, f->file, NULL, &error);
  saved_other = ls_scenario_save_to_file (new, other, NULL, &other_error);
  set_override_caps (TRUE);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);

  if (writable)
    {
      g_test_skip ("permissions are not enforced here (a file system that ignores them, "
                   "or capabilities that cannot be dropped)");
      return;
    }

  g_assert_false (saved);
  assert_clear_error (error, f->path, "Permission denied");
  g_test_message ("read-only folder: %s", error->message);
  g_assert_false (saved_other);
  assert_clear_error (other_error, other_path, "Permission denied");
  g_test_message ("read-only folder, new file: %s", other_error->message);
  assert_old_file_intact (f);
}

/* A write that fails part way, as on a full disk, keeps the old file. The
 * new scenario is many times longer than the limit, so the write fails
 * after the first bytes of the temporary file are on disk. */
static void
test_save_full_disk (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LsScenario) new = scenario_named ("New", 50);
  g_autoptr(GError) error = NULL;
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean saved;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64;

  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  saved = ls_scenario_save_to_file (new, f->file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (saved);
  assert_clear_error (error, f->path, g_strerror (EFBIG));
  g_test_message ("full disk: %s", error->message);
  assert_old_file_intact (f);

  /* With room again, the same save goes through. */
  g_clear_error (&error);
  g_assert_true (ls_scenario_save_to_file (new, f->file, NULL, &error));
  g_assert_no_error (error);
}

/* A reader that has the old file open while it is saved over goes on
 * reading the old contents, whole: the save replaces the file by a new
 * one instead of rewriting it where it is. */
static void
test_save_over_open_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LsScenario) new = scenario_named ("New", 3);
  g_autoptr(LsScenario) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (f->old_length + 1);
  GStatBuf before, after;
  gssize n;
  int fd;

  fd = g_open (f->path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (g_stat (f->path, &before), ==, 0);

  g_assert_true (ls_scenario_save_to_file (new, f->file, NULL, &error));
  g_assert_no_error (error);

  n = read (fd, buffer, f->old_length + 1);
  close (fd);
  g_assert_cmpmem (buffer, n, f->old_text, f->old_length);

  g_assert_cmpint (g_stat (f->path, &after), ==, 0);
  g_assert_true (before.st_ino != after.st_ino);
  back = ls_scenario_new_from_file (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_scenario_equal (back, new));
}

typedef struct
{
  GFile      *file;
  LsScenario *scenarios[2];
  guint       n_saves;
  gint        done;
} Saver;

static gpointer
saver_thread (gpointer data)
{
  Saver *saver = data;

  for (guint i = 0; i < saver->n_saves; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!ls_scenario_save_to_file (saver->scenarios[i % 2], saver->file, NULL, &error))
        g_error ("save %u failed: %s", i, error->message);
    }
  g_atomic_int_set (&saver->done, TRUE);

  return NULL;
}

/* While one thread saves two scenarios over the same file in turn, every
 * read of the file finds one of them whole, never a mix or a truncated
 * file, and never no file at all. */
static void
test_save_while_read (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LsScenario) a = scenario_named ("A", 40);
  g_autoptr(LsScenario) b = scenario_named ("B", 2);
  Saver saver = { f->file, { a, b }, 300, FALSE };
  GThread *thread;
  guint n_reads = 0;

  thread = g_thread_new ("saver", saver_thread, &saver);
  while (!g_atomic_int_get (&saver.done) || n_reads == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LsScenario) read = ls_scenario_new_from_file (f->file, NULL, &error);

      g_assert_no_error (error);
      if (!ls_scenario_equal (read, a) && !ls_scenario_equal (read, b) &&
          !ls_scenario_equal (read, f->old))
        g_error ("read %u found a scenario that was never saved", n_reads);
      n_reads++;
    }
  g_thread_join (thread);
  g_test_message ("%u reads during %u saves", n_reads, saver.n_saves);
}

/* A folder where the file should be is not replaced. */
static void
test_save_over_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LsScenario) new = scenario_named ("New", 1);
  g_autofree char *path = g_build_filename (f->dir, "folder.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (ls_scenario_save_to_file (new, file, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_test_message ("over a folder: %s", error->message);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lodestone/model/save/read-only-folder", Fixture, NULL,
              fixture_set_up, test_save_read_only_folder, fixture_tear_down);
  g_test_add ("/lodestone/model/save/full-disk", Fixture, NULL,
              fixture_set_up, test_save_full_disk, fixture_tear_down);
  g_test_add ("/lodestone/model/save/over-open-file", Fixture, NULL,
              fixture_set_up, test_save_over_open_file, fixture_tear_down);
  g_test_add ("/lodestone/model/save/while-read", Fixture, NULL,
              fixture_set_up, test_save_while_read, fixture_tear_down);
  g_test_add ("/lodestone/model/save/over-folder", Fixture, NULL,
              fixture_set_up, test_save_over_folder, fixture_tear_down);

  return g_test_run ();
}
