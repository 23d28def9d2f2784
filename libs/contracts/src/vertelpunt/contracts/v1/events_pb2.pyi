import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_WEB: _ClassVar[Channel]
    CHANNEL_PHONE: _ClassVar[Channel]
    CHANNEL_TABLET: _ClassVar[Channel]
    CHANNEL_ASSISTED: _ClassVar[Channel]
    CHANNEL_API: _ClassVar[Channel]

class QuestionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUESTION_TYPE_UNSPECIFIED: _ClassVar[QuestionType]
    QUESTION_TYPE_TRIAD: _ClassVar[QuestionType]
    QUESTION_TYPE_DYAD: _ClassVar[QuestionType]
    QUESTION_TYPE_SINGLE_CHOICE: _ClassVar[QuestionType]
    QUESTION_TYPE_MULTIPLE_CHOICE: _ClassVar[QuestionType]
CHANNEL_UNSPECIFIED: Channel
CHANNEL_WEB: Channel
CHANNEL_PHONE: Channel
CHANNEL_TABLET: Channel
CHANNEL_ASSISTED: Channel
CHANNEL_API: Channel
QUESTION_TYPE_UNSPECIFIED: QuestionType
QUESTION_TYPE_TRIAD: QuestionType
QUESTION_TYPE_DYAD: QuestionType
QUESTION_TYPE_SINGLE_CHOICE: QuestionType
QUESTION_TYPE_MULTIPLE_CHOICE: QuestionType

class Envelope(_message.Message):
    __slots__ = ("event_id", "tenant", "occurred_at", "schema_version", "story_shared", "story_withdrawn", "tenant_registered", "tenant_offboarded", "framework_published")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    STORY_SHARED_FIELD_NUMBER: _ClassVar[int]
    STORY_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    TENANT_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    TENANT_OFFBOARDED_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    tenant: str
    occurred_at: _timestamp_pb2.Timestamp
    schema_version: int
    story_shared: StoryShared
    story_withdrawn: StoryWithdrawn
    tenant_registered: TenantRegistered
    tenant_offboarded: TenantOffboarded
    framework_published: FrameworkPublished
    def __init__(self, event_id: _Optional[str] = ..., tenant: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., schema_version: _Optional[int] = ..., story_shared: _Optional[_Union[StoryShared, _Mapping]] = ..., story_withdrawn: _Optional[_Union[StoryWithdrawn, _Mapping]] = ..., tenant_registered: _Optional[_Union[TenantRegistered, _Mapping]] = ..., tenant_offboarded: _Optional[_Union[TenantOffboarded, _Mapping]] = ..., framework_published: _Optional[_Union[FrameworkPublished, _Mapping]] = ...) -> None: ...

class TriadAnswer(_message.Message):
    __slots__ = ("a", "b", "c")
    A_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    C_FIELD_NUMBER: _ClassVar[int]
    a: float
    b: float
    c: float
    def __init__(self, a: _Optional[float] = ..., b: _Optional[float] = ..., c: _Optional[float] = ...) -> None: ...

class DyadAnswer(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: float
    def __init__(self, position: _Optional[float] = ...) -> None: ...

class ChoiceAnswer(_message.Message):
    __slots__ = ("option_ids", "other_text")
    OPTION_IDS_FIELD_NUMBER: _ClassVar[int]
    OTHER_TEXT_FIELD_NUMBER: _ClassVar[int]
    option_ids: _containers.RepeatedScalarFieldContainer[str]
    other_text: str
    def __init__(self, option_ids: _Optional[_Iterable[str]] = ..., other_text: _Optional[str] = ...) -> None: ...

class Answer(_message.Message):
    __slots__ = ("question_id", "not_applicable", "triad", "dyad", "choice")
    QUESTION_ID_FIELD_NUMBER: _ClassVar[int]
    NOT_APPLICABLE_FIELD_NUMBER: _ClassVar[int]
    TRIAD_FIELD_NUMBER: _ClassVar[int]
    DYAD_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    question_id: str
    not_applicable: bool
    triad: TriadAnswer
    dyad: DyadAnswer
    choice: ChoiceAnswer
    def __init__(self, question_id: _Optional[str] = ..., not_applicable: _Optional[bool] = ..., triad: _Optional[_Union[TriadAnswer, _Mapping]] = ..., dyad: _Optional[_Union[DyadAnswer, _Mapping]] = ..., choice: _Optional[_Union[ChoiceAnswer, _Mapping]] = ...) -> None: ...

class StoryShared(_message.Message):
    __slots__ = ("story_id", "framework_id", "framework_version", "title", "text", "language", "channel", "told_at", "told_week", "consent_to_share", "answers", "campaign_label", "region", "redaction_count", "storyteller_role", "thread_id", "thread_number", "wave_id")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_ID_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_VERSION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    TOLD_AT_FIELD_NUMBER: _ClassVar[int]
    TOLD_WEEK_FIELD_NUMBER: _ClassVar[int]
    CONSENT_TO_SHARE_FIELD_NUMBER: _ClassVar[int]
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_LABEL_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    REDACTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    STORYTELLER_ROLE_FIELD_NUMBER: _ClassVar[int]
    THREAD_ID_FIELD_NUMBER: _ClassVar[int]
    THREAD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WAVE_ID_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    framework_id: str
    framework_version: str
    title: str
    text: str
    language: str
    channel: Channel
    told_at: _timestamp_pb2.Timestamp
    told_week: str
    consent_to_share: bool
    answers: _containers.RepeatedCompositeFieldContainer[Answer]
    campaign_label: str
    region: str
    redaction_count: int
    storyteller_role: str
    thread_id: str
    thread_number: int
    wave_id: str
    def __init__(self, story_id: _Optional[str] = ..., framework_id: _Optional[str] = ..., framework_version: _Optional[str] = ..., title: _Optional[str] = ..., text: _Optional[str] = ..., language: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., told_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., told_week: _Optional[str] = ..., consent_to_share: _Optional[bool] = ..., answers: _Optional[_Iterable[_Union[Answer, _Mapping]]] = ..., campaign_label: _Optional[str] = ..., region: _Optional[str] = ..., redaction_count: _Optional[int] = ..., storyteller_role: _Optional[str] = ..., thread_id: _Optional[str] = ..., thread_number: _Optional[int] = ..., wave_id: _Optional[str] = ...) -> None: ...

class StoryWithdrawn(_message.Message):
    __slots__ = ("story_id", "reason")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    reason: str
    def __init__(self, story_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TenantRegistered(_message.Message):
    __slots__ = ("code", "name", "region", "topic")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    region: str
    topic: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., region: _Optional[str] = ..., topic: _Optional[str] = ...) -> None: ...

class TenantOffboarded(_message.Message):
    __slots__ = ("code",)
    CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    def __init__(self, code: _Optional[str] = ...) -> None: ...

class FrameworkOption(_message.Message):
    __slots__ = ("id", "label", "client_label")
    class LabelEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class ClientLabelEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_LABEL_FIELD_NUMBER: _ClassVar[int]
    id: str
    label: _containers.ScalarMap[str, str]
    client_label: _containers.ScalarMap[str, str]
    def __init__(self, id: _Optional[str] = ..., label: _Optional[_Mapping[str, str]] = ..., client_label: _Optional[_Mapping[str, str]] = ...) -> None: ...

class FrameworkQuestion(_message.Message):
    __slots__ = ("id", "type", "category", "label", "client_label", "options", "corners", "poles", "allow_other", "allow_na")
    class LabelEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class ClientLabelEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_LABEL_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    CORNERS_FIELD_NUMBER: _ClassVar[int]
    POLES_FIELD_NUMBER: _ClassVar[int]
    ALLOW_OTHER_FIELD_NUMBER: _ClassVar[int]
    ALLOW_NA_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: QuestionType
    category: str
    label: _containers.ScalarMap[str, str]
    client_label: _containers.ScalarMap[str, str]
    options: _containers.RepeatedCompositeFieldContainer[FrameworkOption]
    corners: _containers.RepeatedCompositeFieldContainer[FrameworkOption]
    poles: _containers.RepeatedCompositeFieldContainer[FrameworkOption]
    allow_other: bool
    allow_na: bool
    def __init__(self, id: _Optional[str] = ..., type: _Optional[_Union[QuestionType, str]] = ..., category: _Optional[str] = ..., label: _Optional[_Mapping[str, str]] = ..., client_label: _Optional[_Mapping[str, str]] = ..., options: _Optional[_Iterable[_Union[FrameworkOption, _Mapping]]] = ..., corners: _Optional[_Iterable[_Union[FrameworkOption, _Mapping]]] = ..., poles: _Optional[_Iterable[_Union[FrameworkOption, _Mapping]]] = ..., allow_other: _Optional[bool] = ..., allow_na: _Optional[bool] = ...) -> None: ...

class FrameworkPublished(_message.Message):
    __slots__ = ("framework_id", "version", "title", "core_version", "questions")
    class TitleEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FRAMEWORK_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CORE_VERSION_FIELD_NUMBER: _ClassVar[int]
    QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    framework_id: str
    version: str
    title: _containers.ScalarMap[str, str]
    core_version: str
    questions: _containers.RepeatedCompositeFieldContainer[FrameworkQuestion]
    def __init__(self, framework_id: _Optional[str] = ..., version: _Optional[str] = ..., title: _Optional[_Mapping[str, str]] = ..., core_version: _Optional[str] = ..., questions: _Optional[_Iterable[_Union[FrameworkQuestion, _Mapping]]] = ...) -> None: ...
