/* carport-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-core.h"
#include "carport-card.h"

struct _CarportCard
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *title_label;
  GtkLabel  *updated_label;
  GtkWidget *cached_tag;
  GtkWidget *problem_box;
  GtkLabel  *problem_label;
  GtkBox    *content;

  /* Owned */
  GDateTime *updated;
  char      *problem;
  GtkWidget *child;
  guint      tick_id;
  gboolean   cached;
};

G_DEFINE_FINAL_TYPE (CarportCard, carport_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_UPDATED,
  PROP_CACHED,
  PROP_PROBLEM,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (CarportCard *self)
{
  g_autofree char *text = NULL;

  if (self->updated == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->updated_label), FALSE);
      return;
    }

  text = carport_format_updated (self->updated, NULL);
  gtk_label_set_label (self->updated_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), TRUE);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_label (CARPORT_CARD (user_data));
  return G_SOURCE_CONTINUE;
}

static void
carport_card_map (GtkWidget *widget)
{
  CarportCard *self = CARPORT_CARD (widget);

  GTK_WIDGET_CLASS (carport_card_parent_class)->map (widget);

  /* "updated 5 min ago" ages while the card is on screen. */
  update_label (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
}

static void
carport_card_unmap (GtkWidget *widget)
{
  CarportCard *self = CARPORT_CARD (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (carport_card_parent_class)->unmap (widget);
}

static void
carport_card_dispose (GObject *object)
{
  CarportCard *self = CARPORT_CARD (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->child = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_CARD);

  G_OBJECT_CLASS (carport_card_parent_class)->dispose (object);
}

static void
carport_card_finalize (GObject *object)
{
  CarportCard *self = CARPORT_CARD (object);

  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (carport_card_parent_class)->finalize (object);
}

static void
carport_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportCard *self = CARPORT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->icon));
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_CACHED:
      g_value_set_boolean (value, self->cached);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportCard *self = CARPORT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      carport_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_ICON_NAME:
      if (g_strcmp0 (gtk_image_get_icon_name (self->icon), g_value_get_string (value)) != 0)
        {
          gtk_image_set_from_icon_name (self->icon, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_UPDATED:
      carport_card_set_updated (self, g_value_get_boxed (value));
      break;
    case PROP_CACHED:
      carport_card_set_cached (self, g_value_get_boolean (value));
      break;
    case PROP_PROBLEM:
      carport_card_set_problem (self, g_value_get_string (value));
      break;
    case PROP_CHILD:
      carport_card_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_card_class_init (CarportCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_card_dispose;
  object_class->finalize = carport_card_finalize;
  object_class->get_property = carport_card_get_property;
  object_class->set_property = carport_card_set_property;
  widget_class->map = carport_card_map;
  widget_class->unmap = carport_card_unmap;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHED] =
    g_param_spec_boolean ("cached", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportCard, box);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, icon);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, updated_label);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, cached_tag);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, problem_box);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CarportCard, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "carport-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
carport_card_init (CarportCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_card_new (void)
{
  return g_object_new (CARPORT_TYPE_CARD, NULL);
}

const char *
carport_card_get_title (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
carport_card_set_title (CarportCard *self, const char *title)
{
  g_return_if_fail (CARPORT_IS_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GDateTime *
carport_card_get_updated (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);
  return self->updated;
}

void
carport_card_set_updated (CarportCard *self, GDateTime *updated)
{
  g_return_if_fail (CARPORT_IS_CARD (self));

  if (self->updated == updated ||
      (self->updated && updated && g_date_time_equal (self->updated, updated)))
    return;

  g_clear_pointer (&self->updated, g_date_time_unref);
  if (updated)
    self->updated = g_date_time_ref (updated);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

gboolean
carport_card_get_cached (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), FALSE);
  return self->cached;
}

void
carport_card_set_cached (CarportCard *self, gboolean cached)
{
  g_return_if_fail (CARPORT_IS_CARD (self));

  cached = !!cached;
  if (self->cached == cached)
    return;

  self->cached = cached;
  gtk_widget_set_visible (self->cached_tag, cached);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHED]);
}

const char *
carport_card_get_problem (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);
  return self->problem;
}

/* The first sentence of the first line, without the details in brackets
 * at its end ("… understand (HTTP 200 OK)." → "… understand."): the short
 * reason. */
static char *
short_reason (const char *text)
{
  const char *end = strchr (text, '\n');
  const char *stop = strstr (text, ". ");
  char *sentence, *details;

  if (stop && (end == NULL || stop < end))
    end = stop + 1;
  sentence = end ? g_strndup (text, end - text) : g_strdup (text);
  details = strrchr (sentence, '(');
  if (g_str_has_suffix (sentence, ").") && details && details > sentence && details[-1] == ' ')
    {
      details[-1] = '.';
      details[0] = '\0';
    }
  return sentence;
}

void
carport_card_set_problem (CarportCard *self, const char *problem)
{
  g_return_if_fail (CARPORT_IS_CARD (self));

  if (problem && *problem == '\0')
    problem = NULL;
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (problem)
    {
      g_autofree char *reason = short_reason (problem);
      /* Translators: on a card whose values the last refresh could not read,
       * e.g. "Not updated: The car maker's servers are limiting requests right now." */
      g_autofree char *text = g_strdup_printf (_("Not updated: %s"), reason);

      gtk_label_set_label (self->problem_label, text);
      gtk_widget_set_tooltip_text (self->problem_box, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (self->problem_box, problem != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

const char *
carport_card_get_problem_text (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);

  if (!gtk_widget_get_visible (self->problem_box))
    return NULL;
  return gtk_label_get_label (self->problem_label);
}

GtkWidget *
carport_card_get_child (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);
  return self->child;
}

void
carport_card_set_child (CarportCard *self, GtkWidget *child)
{
  g_return_if_fail (CARPORT_IS_CARD (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  if (self->child)
    gtk_box_remove (self->content, self->child);
  self->child = child;
  if (child)
    gtk_box_append (self->content, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

const char *
carport_card_get_updated_text (CarportCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CARD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->updated_label)))
    return NULL;
  return gtk_label_get_label (self->updated_label);
}
