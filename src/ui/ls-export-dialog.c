/* ls-export-dialog.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-export-dialog"

#include "config.h"

#include "ls-export-dialog.h"

#include "ls-application.h"
#include "ls-scenario-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* Export Figure: what the figure is to be (format, size, pixel density,
 * light or dark, for the map the view's area or the world), a preview of
 * it with the caption it carries, then where to save it (ux-walk.md m7,
 * p7). The save dialog opens in the folder the last export went to, else
 * the user's Pictures, never the process's working directory; its file
 * name is the scenario's; the file type chosen in it decides the format,
 * and the name's extension follows. */

#define PREVIEW_WIDTH 456

typedef enum
{
  SIZE_HD,
  SIZE_FULL_HD,
  SIZE_4K,
  SIZE_CUSTOM,
} SizeChoice;

static const int preset_sizes[][2] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 } };

/* The last choices and folder, for the next export in this session. */
static struct
{
  gboolean       set;
  LsExportFormat format;
  SizeChoice     size;
  int            width;
  int            height;
  guint          scale;
  gboolean       dark;
  gboolean       whole_world;
} last;

static GFile *last_folder;

struct _LsExportDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget *export_button;
  GtkWidget *preview;
  GtkWidget *figure_group;
  GtkWidget *format_row;
  GtkWidget *size_row;
  GtkWidget *width_row;
  GtkWidget *height_row;
  GtkWidget *width_spin;
  GtkWidget *height_spin;
  GtkWidget *scale_row;
  GtkWidget *appearance_row;
  GtkWidget *area_row;
  GtkWidget *caption_label;

  /* Owned */
  LsResult      *result;
  LsScenario    *scenario;
  LsExportView   view;
  LsMapOptions   map;
  LsRenderStyle  style;
  guint          preview_source;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filters[LS_EXPORT_N_FORMATS];
  GFile         *pending;          /* a file waiting for "Replace?" */
  LsExportFormat pending_format;
};

G_DEFINE_FINAL_TYPE (LsExportDialog, ls_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The map's extent is the map stream's (LsMapOptions gains `has_extent`
 * and `extent`, filled by the map view with what it shows). Until that is
 * on main every map figure shows the whole world and the Area row stays
 * hidden; then these two read and clear it. */
static gboolean
map_has_view_extent (const LsMapOptions *map)
{
  return FALSE;
}

static void
map_show_whole_world (LsMapOptions *map)
{
}

/* Shared helpers --------------------------------------------------------- */

/**
 * ls_export_dialog_dup_folder:
 * @directory: where to start without a last folder: the user's Pictures
 *   for figures, Documents for tables
 *
 * Returns: (transfer full) (nullable): the folder the last export of the
 *   session went to, else @directory, else the home folder
 */
GFile *
ls_export_dialog_dup_folder (GUserDirectory directory)
{
  const char *path;

  if (last_folder != NULL)
    return g_object_ref (last_folder);

  path = g_get_user_special_dir (directory);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    path = g_get_home_dir ();

  return path != NULL ? g_file_new_for_path (path) : NULL;
}

/**
 * ls_export_dialog_remember_folder:
 * @file: a file just exported
 *
 * Its folder is where the next export of the session starts.
 */
void
ls_export_dialog_remember_folder (GFile *file)
{
  g_autoptr(GFile) parent = NULL;

  g_return_if_fail (G_IS_FILE (file));

  if ((parent = g_file_get_parent (file)) != NULL)
    g_set_object (&last_folder, parent);
}

/**
 * ls_export_dialog_dup_file_name:
 * @scenario: (nullable): the scenario exported
 * @what: what the file holds, "flows", "map", "table"
 * @extension: "png", "csv" …
 *
 * Returns: (transfer full): "Magnet embargo – flows.png": the scenario's
 *   name, made safe as a file name (no "/", no control characters, no
 *   leading dot)
 */
char *
ls_export_dialog_dup_file_name (LsScenario *scenario,
                                const char *what,
                                const char *extension)
{
  g_autofree char *title = scenario != NULL ? ls_scenario_text_title (scenario, FALSE) : g_strdup ("Lodestone");
  g_autoptr(GString) safe = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  const char *start;

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (safe, '-');
      else
        g_string_append_unichar (safe, c);
    }

  /* No hidden file: no leading dot. */
  start = g_strstrip (safe->str);
  while (*start == '.' || g_ascii_isspace (*start))
    start++;

  /* Long titles stop at 80 characters, at a character boundary. */
  if (g_utf8_strlen (start, -1) > 80)
    name = g_strndup (start, g_utf8_offset_to_pointer (start, 80) - start);
  else
    name = g_strdup (start);
  g_strstrip (name);
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup ("Lodestone");
    }

  /* Translators: an exported file's name: the scenario's, then what the
   * file holds, "Magnet embargo – flows" */
  stem = g_strdup_printf (C_("file name", "%s – %s"), name, what);

  return g_strconcat (stem, ".", extension, NULL);
}

static const char * const known_extensions[] = { ".png", ".svg", ".pdf", ".csv" };

/**
 * ls_export_dialog_fix_extension:
 * @file: the file chosen
 * @extension: the extension the format needs, without the dot
 *
 * The format decides the extension: a known one (.png, .svg, .pdf, .csv,
 * any case) that does not fit is replaced, and a name without one gets
 * it.
 *
 * Returns: (transfer full): @file, or its sibling with the right
 *   extension
 */
GFile *
ls_export_dialog_fix_extension (GFile      *file,
                                const char *extension)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (basename, -1);
  g_autofree char *wanted = g_strconcat (".", extension, NULL);
  g_autofree char *fixed = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (g_str_has_suffix (lower, wanted))
    return g_object_ref (file);

  for (guint i = 0; i < G_N_ELEMENTS (known_extensions); i++)
    if (g_str_has_suffix (lower, known_extensions[i]))
      {
        basename[strlen (basename) - strlen (known_extensions[i])] = '\0';
        break;
      }

  fixed = g_strconcat (basename, wanted, NULL);

  return parent != NULL ? g_file_get_child (parent, fixed) : g_file_new_for_path (fixed);
}

/* The dialog ------------------------------------------------------------- */

static LsExportFormat
get_format (LsExportDialog *self)
{
  return (LsExportFormat) MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row)), LS_EXPORT_PDF);
}

/**
 * ls_export_dialog_get_options:
 * @options: (out caller-allocates): the figure the dialog would export
 * @style: (out caller-allocates): its style, light or dark
 */
void
ls_export_dialog_get_options (LsExportDialog  *self,
                              LsExportOptions *options,
                              LsRenderStyle   *style)
{
  SizeChoice size;

  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (style != NULL);

  ls_export_options_init (options, self->view, get_format (self));
  options->map = self->map;
  if (gtk_widget_get_visible (self->area_row) && adw_combo_row_get_selected (ADW_COMBO_ROW (self->area_row)) == 1)
    map_show_whole_world (&options->map);

  size = adw_combo_row_get_selected (ADW_COMBO_ROW (self->size_row));
  if (size < SIZE_CUSTOM)
    {
      options->width = preset_sizes[size][0];
      options->height = preset_sizes[size][1];
    }
  else
    {
      options->width = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->width_spin));
      options->height = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->height_spin));
    }
  options->scale = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scale_row)) == 1 ? 2 : 1;

  /* The window's figure style (labels, colouring, threshold) in the
   * chosen colours, at the normal type size: exports are documents, not
   * presenter slides. */
  ls_render_style_init (style, adw_combo_row_get_selected (ADW_COMBO_ROW (self->appearance_row)) == 1);
  style->font_family = self->style.font_family;
  style->label_mode = self->style.label_mode;
  style->color_by = self->style.color_by;
  style->other_threshold = self->style.other_threshold;
}

static const char *
view_word (LsExportView view)
{
  /* Translators: what an exported file holds, in its name */
  return view == LS_EXPORT_MAP ? C_("file name", "map") : C_("file name", "flows");
}

/**
 * ls_export_dialog_dup_file_name_for_options:
 *
 * Returns: (transfer full): the name the save dialog proposes
 */
char *
ls_export_dialog_dup_file_name_for_options (LsExportDialog *self)
{
  g_return_val_if_fail (LS_IS_EXPORT_DIALOG (self), NULL);

  return ls_export_dialog_dup_file_name (self->scenario, view_word (self->view),
                                         ls_export_format_get_extension (get_format (self)));
}

static gboolean
update_preview_cb (gpointer user_data)
{
  LsExportDialog *self = user_data;
  LsExportOptions options;
  LsRenderStyle style;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;
  double zoom;
  cairo_t *cr;

  self->preview_source = 0;

  /* The figure as it will be, shrunk: its layout is the export's size. */
  ls_export_dialog_get_options (self, &options, &style);
  zoom = PREVIEW_WIDTH / options.width;
  width = PREVIEW_WIDTH;
  height = MAX (1, (int) (options.height * zoom + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, zoom, zoom);
  ls_export_draw (cr, self->result, self->scenario, &style, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  gtk_picture_set_paintable (GTK_PICTURE (self->preview), GDK_PAINTABLE (texture));

  return G_SOURCE_REMOVE;
}

static void
options_changed (LsExportDialog *self)
{
  LsExportFormat format = get_format (self);
  SizeChoice size = adw_combo_row_get_selected (ADW_COMBO_ROW (self->size_row));
  gboolean custom = size == SIZE_CUSTOM;
  LsExportOptions options;
  LsRenderStyle style;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->width_row, custom);
  gtk_widget_set_visible (self->height_row, custom);

  /* Pixels only for PNG; SVG and PDF are in points and scale freely. */
  gtk_widget_set_sensitive (self->scale_row, format == LS_EXPORT_PNG);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row),
                               format == LS_EXPORT_PNG ? "" : _("SVG and PDF figures scale without loss"));

  ls_export_dialog_get_options (self, &options, &style);
  if (format == LS_EXPORT_PNG)
    /* Translators: the size of a PNG figure, "3840 × 2160 pixels" */
    subtitle = g_strdup_printf (_("%d × %d pixels"), (int) (options.width * options.scale),
                                (int) (options.height * options.scale));
  else
    /* Translators: the size of an SVG or PDF figure, "1920 × 1080 points" */
    subtitle = g_strdup_printf (_("%d × %d points"), (int) options.width, (int) options.height);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->size_row), subtitle);

  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_LOW, update_preview_cb, self, NULL);
}

static void
remember_choices (LsExportDialog *self)
{
  last.set = TRUE;
  last.format = get_format (self);
  last.size = adw_combo_row_get_selected (ADW_COMBO_ROW (self->size_row));
  last.width = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->width_spin));
  last.height = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->height_spin));
  last.scale = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scale_row));
  last.dark = adw_combo_row_get_selected (ADW_COMBO_ROW (self->appearance_row)) == 1;
  last.whole_world = adw_combo_row_get_selected (ADW_COMBO_ROW (self->area_row)) == 1;
}

/**
 * ls_export_dialog_save:
 * @file: where to write
 * @format: the format to write
 * @error: return location for an error
 *
 * Writes the figure as chosen, atomically, and remembers the choices and
 * the folder for the next export. The chooser's response calls it; it
 * does not close the dialog.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_export_dialog_save (LsExportDialog  *self,
                       GFile           *file,
                       LsExportFormat   format,
                       GError         **error)
{
  g_autofree char *path = NULL;
  LsExportOptions options;
  LsRenderStyle style;

  g_return_val_if_fail (LS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  ls_export_dialog_get_options (self, &options, &style);
  options.format = format;

  if (!(path = g_file_get_path (file)))
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a local file"), uri);
      return FALSE;
    }

  if (!ls_export_to_file (self->result, self->scenario, &style, &options, path, error))
    return FALSE;

  remember_choices (self);
  last.format = format;
  ls_export_dialog_remember_folder (file);

  return TRUE;
}

static void
show_error (LsExportDialog *self,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export Figure"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_export (LsExportDialog *self,
               GFile          *file,
               LsExportFormat  format)
{
  g_autoptr(GError) error = NULL;

  if (!ls_export_dialog_save (self, file, format, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     LsExportDialog   *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending);

  if (file != NULL && g_str_equal (response, "replace"))
    finish_export (self, file, self->pending_format);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     LsExportDialog  *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  GtkFileFilter *filter;
  LsExportFormat format = get_format (self);

  if (response != GTK_RESPONSE_ACCEPT ||
      (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      gtk_native_dialog_destroy (chooser);
      g_clear_object (&self->chooser);
      return;
    }

  /* The file type chosen decides the format; without one, the name's
   * extension; the name then takes the format's extension. */
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  {
    g_autofree char *basename = g_file_get_basename (chosen);
    gboolean by_filter = FALSE;

    for (guint f = 0; f < LS_EXPORT_N_FORMATS; f++)
      if (filter != NULL && filter == self->filters[f])
        {
          format = f;
          by_filter = TRUE;
        }
    if (!by_filter)
      ls_export_format_from_filename (basename, &format);
  }
  file = ls_export_dialog_fix_extension (chosen, ls_export_format_get_extension (format));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  /* The chooser asked about replacing the name it returned, not about
   * the one the extension made. */
  if (!g_file_equal (file, chosen) && g_file_query_exists (file, NULL))
    {
      g_autofree char *basename = g_file_get_basename (file);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace File?"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” already exists. Replacing it overwrites its contents."),
                                      basename);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_set_object (&self->pending, file);
      self->pending_format = format;
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  finish_export (self, file, format);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

/**
 * ls_export_dialog_choose_file:
 *
 * Asks where to save (what Export… does): the save dialog opens in the
 * last export's folder or Pictures, with the scenario's name and the
 * chosen format's file type.
 */
void
ls_export_dialog_choose_file (LsExportDialog *self)
{
  g_autoptr(GFile) folder = ls_export_dialog_dup_folder (G_USER_DIRECTORY_PICTURES);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  chooser = GTK_FILE_CHOOSER (self->chooser);

  for (guint f = 0; f < LS_EXPORT_N_FORMATS; f++)
    gtk_file_chooser_add_filter (chooser, self->filters[f]);
  gtk_file_chooser_set_filter (chooser, self->filters[get_format (self)]);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  name = ls_export_dialog_dup_file_name_for_options (self);
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_clicked_cb (LsExportDialog *self)
{
  ls_export_dialog_choose_file (self);
}

static void
ls_export_dialog_dispose (GObject *object)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  for (guint f = 0; f < LS_EXPORT_N_FORMATS; f++)
    g_clear_object (&self->filters[f]);
  g_clear_object (&self->pending);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->result, ls_result_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ls_export_dialog_parent_class)->dispose (object);
}

static void
ls_export_dialog_class_init (LsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_export_dialog_dispose;

  /**
   * LsExportDialog::exported:
   * @file: the file written
   *
   * The figure was written; the dialog closes. (A failure is reported in
   * the dialog, which stays.)
   */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, figure_group);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, appearance_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, caption_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ls_export_dialog_init (LsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filters[LS_EXPORT_PNG] = new_filter (_("PNG Image"), "*.png", "image/png");
  self->filters[LS_EXPORT_SVG] = new_filter (_("SVG Image"), "*.svg", "image/svg+xml");
  self->filters[LS_EXPORT_PDF] = new_filter (_("PDF Document"), "*.pdf", "application/pdf");

  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
}

/**
 * ls_export_dialog_new:
 * @parent: the window
 * @result: what to draw
 * @scenario: what produced it, named in the caption and the file name
 * @view: the figure: the flows or the map
 * @map: (nullable): the map's options as the map view shows it (metric,
 *   stage, arcs and, once the map view gives it, its extent)
 * @style: the window's figure style: labels, colouring, threshold
 *
 * A dialog that exports one figure, with the choices of the last export
 * of the session.
 *
 * Returns: (transfer none): the dialog, owned by GTK until it closes
 */
LsExportDialog *
ls_export_dialog_new (GtkWindow           *parent,
                      LsResult            *result,
                      LsScenario          *scenario,
                      LsExportView         view,
                      const LsMapOptions  *map,
                      const LsRenderStyle *style)
{
  LsExportDialog *self;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_object_new (LS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->result = ls_result_ref (result);
  self->scenario = g_object_ref (scenario);
  self->view = view;
  self->style = *style;
  if (map != NULL)
    self->map = *map;
  else
    ls_map_options_init (&self->map);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->figure_group),
                                         view == LS_EXPORT_MAP ? _("The map, as the Map view shows it")
                                                               : _("The flow diagram"));
  gtk_widget_set_visible (self->area_row, view == LS_EXPORT_MAP && map_has_view_extent (&self->map));

  if (last.set)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row), last.format);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->size_row), last.size);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->width_spin), last.width);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->height_spin), last.height);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->scale_row), last.scale);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->appearance_row), last.dark ? 1 : 0);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->area_row), last.whole_world ? 1 : 0);
    }
  else
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->size_row), SIZE_FULL_HD);

  caption = ls_scenario_text_caption (scenario, result);
  gtk_label_set_label (GTK_LABEL (self->caption_label), caption);

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->appearance_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->area_row, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (options_changed), self);
  options_changed (self);

  return self;
}
