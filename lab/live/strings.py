"""Every text the live pages' JavaScript shows, translated on the server.

The pages render `client_strings()` as JSON; the scripts look texts up by key and fill the
%(name)s placeholders themselves, so the JavaScript carries no words of its own. Counted texts are
{"one": ..., "other": ...}: Spanish and English both have two forms.
"""
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import vocab

COLORS = {
    "amarillo": _l("Amarillo"),
    "verde": _l("Verde"),
    "azul": _l("Azul"),
    "rosa": _l("Rosa"),
    "naranja": _l("Naranja"),
    "morado": _l("Morado"),
}


def _labels(vocabulary):
    return {key: str(text) for key, text in vocabulary.items()}


def _counted(singular, plural):
    """Both forms of one plural entry of the catalogue (extracted with the `_counted:1,2` keyword),
    placeholders left in: the script fills %(num)d itself."""
    translations = get_translations()
    return {"one": translations.ngettext(singular, plural, 1), "other": translations.ngettext(singular, plural, 2)}


def client_strings():
    return {
        **_connection(), **_agenda_and_prompts(), **_timers(), **_ideas(), **_board(), **_hands(), **_votes(),
        "categories": _labels(vocab.CATEGORIES),
        "colors": _labels(COLORS),
        "roles": _labels(vocab.ROLES),
        "org_types": _labels(vocab.ORG_TYPES),
        "statuses": _labels(vocab.STATUSES),
    }


def _connection():
    return {
        "status_connecting": _("Conectando…"),
        "status_connected": _("Conectado"),
        "status_reconnecting": _("Reconectando…"),
        "status_offline": _("Sin conexión"),
        "status_refused": _("No se pudo entrar a la sala"),
        "status_ended": _("Sesión terminada"),
        "refused": _("No se pudo entrar a la sala."),
        "refused_login_help": _("Vuelve a iniciar sesión o entra de nuevo con el código del taller."),
        "refused_join_help": _("Únete al taller con su código o enlace y vuelve a abrir esta página."),
        "session_ended": _("Tu sesión terminó. Vuelve a iniciar sesión para seguir en el taller."),
        "not_connected": _("Sin conexión con el taller. Se intentará de nuevo al reconectar."),
        "ack_timeout": _("El servidor no respondió a tiempo. Inténtalo de nuevo."),
        "action_failed": _("No se pudo completar la acción."),
        "save": _("Guardar"),
        "cancel": _("Cancelar"),
    }


def _agenda_and_prompts():
    return {
        "agenda_step": _("Punto %(num)s de %(total)s: %(title)s"),
        "agenda_not_started": _("La agenda empieza cuando el moderador inicie el taller."),
        "agenda_goto": _("Ir"),
        "agenda_goto_named": _("Ir al punto: %(title)s"),
        "minutes": _counted("%(num)d minuto", "%(num)d minutos"),
        "seconds": _counted("%(num)d segundo", "%(num)d segundos"),
        "no_prompt": _("Todavía no hay una pregunta en pantalla."),
        "workshop_closed": _("El taller terminó. ¡Gracias por participar!"),
        "workshop_closed_done": _("El taller quedó cerrado."),
        "prompt_open": _("Abierta: recibe ideas"),
        "prompt_closed": _("Cerrada: ya no recibe ideas"),
        "prompt_on_screen": _("En pantalla"),
        "prompt_hidden_until_reveal": _("Ideas ocultas hasta revelar"),
        "prompt_show": _("Mostrar"),
        "prompt_show_named": _("Mostrar en pantalla: %(name)s"),
        "prompt_open_action": _("Abrir y cronometrar"),
        "prompt_open_named": _("Abrir a ideas e iniciar el cronómetro: %(name)s"),
        "prompt_close_action": _("Cerrar"),
        "prompt_close_named": _("Cerrar a ideas: %(name)s"),
        "prompt_reveal": _("Revelar ideas"),
        "prompt_reveal_named": _("Revelar las ideas de: %(name)s"),
        "presence_people": _counted("%(num)d persona en la sala", "%(num)d personas en la sala"),
        "presence_moderators": _("Moderación"),
        "presence_no_type": _("Sin tipo de organización"),
        "agenda_clock": _("Transcurrido %(elapsed)s de %(planned)s"),
        "workshop_objective": _("Objetivo"),
        "workshop_purpose": _("Propósito"),
        "board_page": _("Página %(page)s de %(pages)s · %(ideas)s"),
        "agenda_over": _("%(time)s de más"),
        "agenda_item_clock": _("previsto %(planned)s · transcurrido %(elapsed)s"),
        "prompt_run": _("Ya se hizo"),
        "prompt_anonymous": _("Anónima"),
    }


def _timers():
    return {
        "announce_start": _("Empezó el cronómetro: %(time)s."),
        "announce_resumed": _("El cronómetro sigue: quedan %(time)s."),
        "announce_paused": _("Cronómetro en pausa: quedan %(time)s."),
        "announce_extended": _("Se añadió tiempo: quedan %(time)s."),
        "announce_30": _("Quedan 30 segundos."),
        "announce_10": _("Quedan 10 segundos."),
        "announce_up": _("Se acabó el tiempo."),
        "announce_speaking": _("Turno de palabra. %(text)s"),
        "timer_no_prompt": _("Abre una pregunta para usar su cronómetro."),
        "timer_no_speaker": _("Da la palabra a una mano levantada para usar este cronómetro."),
        "speaking_now": _("Tiene la palabra: %(name)s"),
    }


def _ideas():
    return {
        "char_count": _("%(count)s de %(max)s caracteres"),
        "idea_box_open": _("Publica tus ideas para: %(prompt)s"),
        "idea_box_closed": _("La pregunta está cerrada: ya no recibe ideas."),
        "idea_box_waiting": _("Podrás publicar cuando el moderador abra una pregunta."),
        "idea_empty": _("Escribe tu idea antes de publicarla."),
        "idea_too_long": _("Tu idea puede tener hasta %(max)s caracteres."),
        "idea_actor_required": _("Esta pregunta pide el actor que podría aportar: escríbelo."),
        "idea_category_required": _("Esta pregunta pide una categoría de capacidad: elige una."),
        "idea_sending": _("Enviando tu idea…"),
        "idea_queued_offline": _("Sin conexión: tu idea quedó guardada y se enviará al volver la conexión."),
        "idea_sent": _("Tu idea está en el tablero."),
        "idea_failed": _("No se pudo publicar «%(text)s»: %(message)s"),
        "idea_pending": _("Pendiente de envío"),
        "idea_redacted": _("Idea oculta hasta que el moderador revele las ideas."),
        "idea_hidden_badge": _("Oculta para participantes"),
        "idea_actor": _("Actor: %(actor)s"),
        "idea_author": _("Por %(name)s"),
        "idea_merged": _counted("+%(num)d unida", "+%(num)d unidas"),
        "idea_text_label": _("Texto de la idea"),
        "idea_actor_label": _("Actor que podría aportar"),
        "idea_category_label": _("Categoría de capacidad"),
    }


def _board():
    return {
        "filter_current_prompt": _("Pregunta en pantalla"),
        "filter_all_prompts": _("Todas las preguntas"),
        "ideas_count": _counted("%(num)d idea", "%(num)d ideas"),
        "ideas_filtered": _counted("%(num)d idea de %(total)s", "%(num)d ideas de %(total)s"),
        "board_empty": _("Todavía no hay ideas en esta pregunta."),
        "board_no_match": _("Ninguna idea coincide con el filtro."),
        "cluster_none": _("Sin agrupar"),
        "cluster_delete": _("Eliminar grupo"),
        "cluster_delete_named": _("Eliminar el grupo %(name)s (sus ideas quedan sin agrupar)"),
        "cluster_name_required": _("Escribe el nombre del grupo."),
        "choose_prompt_first": _("Elige una pregunta en el filtro del tablero antes de crear un grupo."),
        "idea_select": _("Seleccionar"),
        "idea_hide": _("Ocultar"),
        "idea_unhide": _("Mostrar"),
        "idea_hide_named": _("Ocultar para participantes: %(name)s"),
        "idea_unhide_named": _("Mostrar de nuevo: %(name)s"),
        "idea_edit": _("Editar"),
        "idea_edit_named": _("Editar: %(name)s"),
        "selected_count": _counted("%(num)d idea seleccionada", "%(num)d ideas seleccionadas"),
        "merge_needs_two": _("Selecciona al menos dos ideas de la misma pregunta para unirlas."),
        "merged_done": _("Ideas unidas en «%(name)s»."),
        "select_first": _("Selecciona primero las ideas que quieres agrupar."),
    }


def _hands():
    return {
        "hand_raise": _("Levantar la mano"),
        "hand_lower": _("Bajar la mano"),
        "hand_finish": _("Terminar mi turno"),
        "hand_speaking": _("Tienes la palabra."),
        "hand_position": _("Tienes la mano levantada: puesto %(num)s de %(total)s en la fila."),
        "hand_not_live": _("Podrás levantar la mano cuando el taller esté en vivo."),
        "hands_waiting": _counted("%(num)d mano levantada", "%(num)d manos levantadas"),
        "hand_give_floor": _("Dar la palabra"),
        "hand_give_floor_named": _("Dar la palabra a %(name)s"),
        "hand_dismiss": _("Bajar la mano"),
        "hand_dismiss_named": _("Bajar la mano de %(name)s"),
    }


def _votes():
    return {
        "vote_over_ideas": _("las ideas"),
        "vote_over_clusters": _("los grupos"),
        "vote_open_summary": _("Votación abierta sobre %(over)s de: %(prompt)s"),
        "vote_closed_summary": _("Votación cerrada sobre %(over)s de: %(prompt)s"),
        "vote_remaining": _counted("Te queda %(num)d voto de %(budget)s (máximo %(max)s por opción).",
                                   "Te quedan %(num)d votos de %(budget)s (máximo %(max)s por opción)."),
        "vote_help_ideas": _("Usa los botones + y − de cada idea del tablero."),
        "vote_help_clusters": _("Usa los botones + y − de cada grupo del tablero."),
        "vote_add": _("Sumar un voto a: %(name)s"),
        "vote_remove": _("Quitar un voto a: %(name)s"),
        "my_votes": _counted("%(num)d voto tuyo", "%(num)d votos tuyos"),
        "votes_count": _counted("%(num)d voto", "%(num)d votos"),
        "voters_count": _counted("%(num)d persona votó", "%(num)d personas votaron"),
        "vote_progress": _("%(voters)s · %(votes)s"),
        "vote_totals": _("Votaron %(voters)s personas con %(votes)s votos."),
        "vote_opened": _("Votación abierta."),
        "vote_closed_done": _("Votación cerrada. Estos son los resultados."),
        "result_rank": _("%(rank)s.º"),
        "option_gone": _("(opción retirada)"),
        "vote_round_title": _("Ronda %(num)s: %(summary)s"),
    }
