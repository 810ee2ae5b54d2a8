/** @module Where the demo cases come from (names as in seeds/units.json): streets and their communities, roads, estates, shops, employers, surnames, and the channels' shares. */

// Names as in seeds/units.json.
export const STREETS: readonly { id: string; name: string; communities: readonly string[] }[] = [
  { id: 'street-xinhua', name: '新华街道', communities: ['和平里社区', '新华里社区', '光明社区'] },
  { id: 'street-dongcheng', name: '东城街道', communities: ['东关社区', '朝阳门社区', '龙潭社区'] },
  { id: 'street-xicheng', name: '西城街道', communities: ['西关社区', '白塔社区', '金融街社区'] },
  { id: 'street-nanyuan', name: '南苑街道', communities: ['南苑北里社区', '槐房社区', '新宫社区'] },
  { id: 'street-beiyuan', name: '北苑街道', communities: ['北苑家园社区', '清河社区', '立水桥社区'] },
  { id: 'street-binhe', name: '滨河街道', communities: ['滨河湾社区', '柳荫社区', '望江社区'] },
  { id: 'street-jinqiao', name: '金桥街道', communities: ['金桥东社区', '碧云社区', '张江路社区'] },
  { id: 'street-huayuan', name: '花园街道', communities: ['花园新村社区', '玉兰社区', '紫藤社区'] },
  { id: 'street-qingshan', name: '青山街道', communities: ['青山湖社区', '松林社区', '石门社区'] },
  { id: 'street-gaoxin', name: '高新街道', communities: ['科技园社区', '创业社区', '智慧城社区'] },
];

export const ROADS = [
  '人民路',
  '建设大道',
  '解放路',
  '中山路',
  '滨河路',
  '文化街',
  '光明路',
  '青年路',
  '胜利街',
  '朝阳路',
];
export const ESTATES = [
  '阳光花园',
  '锦绣家园',
  '翠湖小区',
  '金色港湾',
  '幸福里小区',
  '和谐家园',
  '书香苑',
  '碧水湾',
];
export const MERCHANTS = [
  '某超市',
  '某健身房',
  '某培训机构',
  '某电器商城',
  '某餐饮店',
  '某手机店',
  '某美容店',
];
export const EMPLOYERS = ['某建筑劳务公司', '某装修公司', '某物流公司', '某餐饮管理公司', '某电子厂'];
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
];

/** Intake channels with their share of the demo cases. */
export const CHANNELS: readonly [string, number][] = [
  ['hotline', 55],
  ['web', 12],
  ['wechat', 8],
  ['app', 5],
  ['community', 7],
  ['cityTransfer', 6],
  ['grid', 5],
  ['deputy', 2],
];
