"""Forms of the accounts slice. Every field has explicit Spanish messages (translatable)."""
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, TelField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from .. import vocab
from . import service, throttle

PASSWORD_MIN = 10
PASSWORD_MAX = 128  # hashing is deliberately slow: no megabyte-long passwords
LOCALES = ("", "es_CO", "en")
DELETE_WORD = "ELIMINAR"


def strip(value):
    return value.strip() if isinstance(value, str) else value


REQUIRED = _l("Este campo es obligatorio.")


def required(message=REQUIRED):
    return DataRequired(message=message)


def at_most(n):
    return Length(max=n, message=_l("Escribe como máximo %(max)d caracteres.", max=n))


def org_type_field():
    # validate_choice=False: AnyOf gives our own message instead of WTForms' English one.
    return SelectField(
        _l("Tipo de organización"),
        validate_choice=False,
        validators=[required(_l("Elige el tipo de organización.")),
                    AnyOf(list(vocab.ORG_TYPES), message=_l("Elige un tipo de organización de la lista."))],
    )


def options(vocabulary):
    """SelectField choices from a vocabulary, labels in the current language."""
    return [SelectChoice(key, str(label)) for key, label in vocabulary.items()]


def with_org_types(form):
    form.org_type.choices = [SelectChoice("", str(_l("Elige una opción")))] + options(vocab.ORG_TYPES)


def valid_email(form, field):
    # Addresses are identifiers here (no mail is sent), so the reserved ".test" domain that demos
    # and rehearsals use is accepted; test_environment also skips any DNS lookup.
    try:
        validate_email(field.data or "", check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        raise ValidationError(_l("Escribe un correo válido, como nombre@ejemplo.org.")) from None


def email_field():
    return EmailField(_l("Correo electrónico"), filters=[strip],
                      validators=[required(_l("Escribe tu correo electrónico.")), at_most(254),
                                  valid_email],
                      render_kw={"autocomplete": "email", "inputmode": "email", "spellcheck": "false"})


class PersonFields(FlaskForm):
    """What the attendance register records about a person, shared by every form that asks for it."""

    name = StringField(_l("Nombre completo"), filters=[strip],
                       validators=[required(_l("Escribe tu nombre.")), at_most(120)],
                       render_kw={"autocomplete": "name"})
    email = email_field()
    organisation = StringField(_l("Organización"), filters=[strip],
                               validators=[required(_l("Escribe tu organización.")), at_most(160)],
                               description=_l("Si participas a título personal, escribe «Ciudadanía»."),
                               render_kw={"autocomplete": "organization"})
    org_type = org_type_field()
    position = StringField(_l("Cargo"), filters=[strip],
                           validators=[required(_l("Escribe tu cargo u ocupación.")), at_most(120)],
                           render_kw={"autocomplete": "organization-title"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_org_types(self)

    def validate_email(self, field):
        # An e-mail already in use is never taken over, by a sign-up or by a guest.
        message = service.email_problem(field.data)
        if message:
            throttle.email_refused()  # asking which addresses are registered is limited
            raise ValidationError(message)


def phone_field():
    return TelField(_l("Teléfono"), filters=[strip],
                    validators=[Optional(), at_most(40),
                                Regexp(r"^\+?[0-9 ()\-.]{7,40}$",
                                       message=_l("Escribe solo números, espacios y los signos + ( ) -."))],
                    render_kw={"autocomplete": "tel"})


def new_password_fields():
    password = PasswordField(
        _l("Contraseña"),
        validators=[required(_l("Escribe una contraseña.")),
                    Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
                           message=_l("La contraseña debe tener entre %(min)d y %(max)d caracteres.",
                                      min=PASSWORD_MIN, max=PASSWORD_MAX))],
        description=_l("Al menos %(min)d caracteres. Una frase corta es fácil de recordar y difícil de adivinar.",
                       min=PASSWORD_MIN),
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Repite la contraseña"),
        validators=[required(_l("Repite la contraseña.")),
                    EqualTo("password", message=_l("Las dos contraseñas no coinciden."))],
        render_kw={"autocomplete": "new-password"})
    return password, confirm


def consent_field():
    return BooleanField(
        _l("Autorizo el tratamiento de mis datos personales en los términos anteriores."),
        validators=[DataRequired(message=_l("Sin tu autorización no podemos registrarte."))])


class SignupForm(PersonFields):
    phone = phone_field()
    password, confirm = new_password_fields()
    consent = consent_field()
    next = HiddenField()


class GuestForm(PersonFields):
    """Joining one workshop without an account: the attendance fields and the consent."""

    consent = consent_field()


class LoginForm(FlaskForm):
    # No format check on the e-mail: every failure gets the same generic answer.
    email = EmailField(_l("Correo electrónico"), filters=[strip],
                       validators=[required(_l("Escribe tu correo electrónico.")), at_most(254)],
                       render_kw={"autocomplete": "username", "inputmode": "email", "spellcheck": "false"})
    password = PasswordField(_l("Contraseña"),
                             validators=[required(_l("Escribe tu contraseña.")), at_most(PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class ProfileForm(PersonFields):
    email = None  # the e-mail is the login: shown, not edited
    phone = phone_field()
    locale = SelectField(
        _l("Idioma preferido"), validate_choice=False,
        default="",
        validators=[AnyOf(LOCALES, message=_l("Elige un idioma de la lista."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = [SelectChoice("", str(_l("El predeterminado"))),
                               SelectChoice("es_CO", "Español (Colombia)", render_kw={"lang": "es-CO"}),
                               SelectChoice("en", "English", render_kw={"lang": "en"})]


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Contraseña actual"),
                            validators=[required(_l("Escribe tu contraseña actual.")), at_most(PASSWORD_MAX)],
                            render_kw={"autocomplete": "current-password"})
    password, confirm = new_password_fields()


class GuestPasswordForm(FlaskForm):
    """A guest keeps their account by choosing a password; there is no current one to ask for."""

    password, confirm = new_password_fields()


class DeleteAccountForm(FlaskForm):
    confirmation = PasswordField(_l("Escribe tu contraseña para confirmar"),
                                 validators=[required(_l("Escribe tu contraseña para confirmar.")),
                                             at_most(PASSWORD_MAX)],
                                 render_kw={"autocomplete": "current-password"})



class GuestDeleteForm(FlaskForm):
    """Guests have no password: they type the word ELIMINAR instead."""

    confirmation = StringField(_l("Escribe %(word)s para confirmar", word=DELETE_WORD), filters=[strip],
                               validators=[required(_l("Escribe %(word)s para confirmar.", word=DELETE_WORD)),
                                           at_most(20)],
                               render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"})


class RoleForm(FlaskForm):
    role = SelectField(_l("Rol"), validate_choice=False,
                       validators=[required(_l("Elige un rol.")),
                                   AnyOf(list(vocab.ROLES), message=_l("Elige un rol de la lista."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = options(vocab.ROLES)


class TemporaryPasswordForm(FlaskForm):
    """Only the CSRF token: the server draws the password."""


class ForgetPersonForm(FlaskForm):
    """The lab team deletes a person's account and anonymises what they left: their e-mail, typed, confirms."""

    confirmation = StringField(_l("Escribe el correo de la persona para confirmar"), filters=[strip],
                               validators=[required(_l("Escribe el correo de la persona para confirmar."))])
